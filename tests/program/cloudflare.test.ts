/**
 * Cloudflare, as the stacks register it: every public host of a region has exactly one proxied
 * record in the region's zone, pointing at its cluster's ingress load balancer; only the zone's
 * owner stack holds the zone's settings, mail policy, edge certificate and rulesets; every proxied
 * host has an edge certificate; Kong admits Cloudflare only, and trusts its client address header.
 */
import { catalog } from "../../config";
import { CLOUDFLARE_IPV4_RANGES, KONG_PROXY_SERVICE } from "../../config/addons";
import type { RecordedResource } from "../../harness/run";
import { hostingOf } from "../../planner/kinds";
import { loadRecordedRuns, planFor, recordedRun, type Obj } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const RECORD = "cloudflare:index/dnsRecord:DnsRecord";
const SETTING = "cloudflare:index/zoneSetting:ZoneSetting";
const RULESET = "cloudflare:index/ruleset:Ruleset";
const CERT = "cloudflare:index/certificatePack:CertificatePack";
const inputs = (r: RecordedResource) => r.inputs as Obj;
const regions = Object.keys(catalog.regions);
const stacksOf = (region: string) => STACKS.filter((s) => catalog.environments[s]!.region === region);
const zoneIdOf = (region: string) => planFor(catalog.regions[region]!.zone.owner).settings.cloudflareZoneId;
/** The records of the stack's Edge component (SES's own are tested in mail.test.ts). */
const edgeRecords = (stack: string) =>
  recordedRun(stack)
    .ofType(RECORD)
    .filter((r) => r.parent?.startsWith("ecommerce:cloudflare:Edge::"))
    .map(inputs);
/** Host records (CNAMEs), not the mail policy. */
const hostRecords = (stack: string) => edgeRecords(stack).filter((r) => r.type === "CNAME");
/** Does a certificate name (`*.staging.example.com`, `example.com`) cover a host? */
const covers = (name: string, host: string) =>
  name.startsWith("*.") ? host.split(".").slice(1).join(".") === name.slice(2) : name === host;

describe.each(regions)("the %s zone", (region) => {
  const zone = catalog.regions[region]!.domain;
  const owner = catalog.regions[region]!.zone.owner;

  it("has one proxied CNAME per public host of the region, in its zone, across the region's stacks", () => {
    const planned = stacksOf(region).flatMap((s) => planFor(s).publicHosts.map((h) => h.host));
    const records = stacksOf(region).flatMap(hostRecords);
    expect(records.map((r) => r.name).sort()).toEqual([...planned].sort());
    expect(new Set(records.map((r) => r.name)).size).toBe(records.length);
    for (const r of records) {
      expect([r.name, r.zoneId, r.proxied, r.ttl]).toEqual([r.name, zoneIdOf(region), true, 1]);
      expect(r.name.endsWith(`.${zone}`)).toBe(true);
    }
  });

  it("points each record at the ingress load balancer of its stack's cluster", () => {
    for (const s of stacksOf(region)) {
      const addonOwner = catalog.clusters[catalog.environments[s]!.cluster]!.addonOwner;
      const lb = (recordedRun(addonOwner).outputs as Obj).platform.ingress.loadBalancer;
      expect(lb).toMatch(/\.elb\.[a-z0-9-]+\.amazonaws\.com$/);
      for (const r of hostRecords(s)) expect([s, r.name, r.content]).toEqual([s, r.name, lb]);
    }
  });

  it("takes its zone id from the owner's stack file alone", () => {
    for (const s of stacksOf(region)) expect(planFor(s).settings.cloudflareZoneId).toBe(zoneIdOf(region));
    const others = regions.filter((r) => r !== region).map(zoneIdOf);
    expect(others).not.toContain(zoneIdOf(region));
  });

  it("has its settings, mail policy, certificate and rulesets in the owner stack only", () => {
    for (const s of stacksOf(region)) {
      const run = recordedRun(s);
      const counts = [SETTING, RULESET].map((t) => run.ofType(t).length);
      const mail = edgeRecords(s).filter((r) => r.type === "TXT");
      if (s === owner) {
        expect(counts.every((n) => n > 0)).toBe(true);
        expect(mail.map((m) => m.name).sort()).toEqual([`_dmarc.${zone}`, zone]);
      } else {
        expect([s, ...counts, run.ofType(CERT).length, mail.length]).toEqual([s, 0, 0, 0, 0]);
      }
    }
    // And no stack outside the region touches the zone.
    for (const s of STACKS.filter((x) => !stacksOf(region).includes(x)))
      for (const t of [RECORD, SETTING, RULESET, CERT])
        for (const r of recordedRun(s).ofType(t)) expect(inputs(r).zoneId).not.toBe(zoneIdOf(region));
  });

  it("is strict TLS end to end, HTTPS only, with HSTS", () => {
    const settings = Object.fromEntries(
      recordedRun(owner)
        .ofType(SETTING)
        .map((r) => [inputs(r).settingId, inputs(r).value]),
    );
    expect(settings).toMatchObject({
      ssl: "strict",
      min_tls_version: "1.2",
      tls_1_3: "on",
      always_use_https: "on",
    });
    expect(settings.security_header.strict_transport_security).toMatchObject({
      enabled: true,
      include_subdomains: true,
    });
    expect(settings.security_header.strict_transport_security.max_age).toBeGreaterThanOrEqual(31536000);
  });

  it("gives every proxied host an edge certificate: Universal SSL or the advanced pack", () => {
    const universal = [zone, `*.${zone}`];
    const hosts = stacksOf(region)
      .flatMap(hostRecords)
      .map((r) => r.name as string);
    const uncovered = hosts.filter((h) => !universal.some((n) => covers(n, h)));
    const pack = recordedRun(owner).ofType(CERT).map(inputs);
    // A pack exactly where Universal SSL falls short (us and eu have staging or dev hosts; asia not).
    expect(pack).toHaveLength(uncovered.length ? 1 : 0);
    const names = [...universal, ...pack.flatMap((p) => p.hosts as string[])];
    for (const h of hosts) expect([h, names.some((n) => covers(n, h))]).toEqual([h, true]);
    // The pack holds only what Universal SSL lacks (and the apex, which Cloudflare requires).
    for (const h of pack.flatMap((p) => p.hosts as string[]).filter((h) => h !== zone)) {
      expect([h, covers(`*.${zone}`, h)]).toEqual([h, false]);
      expect([h, uncovered.some((u) => covers(h, u))]).toEqual([h, true]);
    }
  });

  it("runs one managed WAF, one rate limit on the API hosts and one cache rule for the front ends", () => {
    const rulesets = recordedRun(owner).ofType(RULESET).map(inputs);
    expect(rulesets.map((r) => r.phase).sort()).toEqual([
      "http_ratelimit",
      "http_request_cache_settings",
      "http_request_firewall_managed",
    ]);
    expect(new Set(rulesets.map((r) => r.zoneId))).toEqual(new Set([zoneIdOf(region)]));
    const hosts = (kinds: string[]) =>
      stacksOf(region)
        .flatMap((s) => planFor(s).publicHosts)
        .filter((h) => {
          // The ingest host is no entry's: neither an API host nor a front end.
          const e = catalog.entries[h.entry];
          if (!e) return false;
          return kinds.includes(hostingOf(e) === "gateway" ? "gateway" : e.kind);
        })
        .map((h) => h.host)
        .sort();
    const quoted = (expr: string) => [...expr.matchAll(/"([^"]+)"/g)].map((m) => m[1]!);
    const limit = rulesets.find((r) => r.phase === "http_ratelimit")!.rules[0];
    const inSet = (expr: string) => quoted(expr.slice(0, expr.indexOf("}"))).sort();
    expect(inSet(limit.expression)).toEqual(hosts(["gateway", "service"]));
    expect(limit.ratelimit.characteristics).toEqual(["ip.src", "cf.colo.id"]);
    const cache = rulesets.find((r) => r.phase === "http_request_cache_settings")!.rules[0];
    expect(inSet(cache.expression)).toEqual(hosts(["web"]));
    expect(hosts(["web"]).length).toBeGreaterThan(0);
  });
});

describe("Kong behind Cloudflare", () => {
  const owners = [...new Set(Object.values(catalog.clusters).map((c) => c.addonOwner))];

  it.each(owners)("%s: the proxy admits Cloudflare's ranges only and trusts its client header", (s) => {
    const kong = recordedRun(s)
      .ofType("kubernetes:helm.sh/v4:Chart")
      .map(inputs)
      .find((c) => c.chart === "kong")!;
    expect(new Set(kong.values.proxy.loadBalancerSourceRanges)).toEqual(new Set(CLOUDFLARE_IPV4_RANGES));
    expect(kong.values.proxy.nameOverride).toBe(KONG_PROXY_SERVICE);
    // The NLB (IP targets) keeps the peer's address, so Kong sees Cloudflare's and trusts its header.
    expect(
      kong.values.proxy.annotations["service.beta.kubernetes.io/aws-load-balancer-target-group-attributes"],
    ).toBe("preserve_client_ip.enabled=true");
    expect(kong.values.env).toMatchObject({
      real_ip_header: "CF-Connecting-IP",
      trusted_ips: CLOUDFLARE_IPV4_RANGES.join(","),
    });
    // The Service the stack reads for its load balancer is the one the chart names.
    const read = recordedRun(s)
      .resources.filter((r) => r.read)
      .filter((r) => r.type !== "pulumi:pulumi:StackReference");
    expect(read.map((r) => `${r.type} ${r.readId}`)).toEqual([
      `kubernetes:core/v1:Service ${kong.namespace}/${KONG_PROXY_SERVICE}`,
    ]);
  });

  it("Cloudflare's ranges are valid, distinct IPv4 networks", () => {
    for (const c of CLOUDFLARE_IPV4_RANGES) {
      const [ip, bits] = c.split("/");
      const n = ip!.split(".").reduce((a, o) => a * 256 + Number(o), 0);
      expect([c, n % 2 ** (32 - Number(bits))]).toEqual([c, 0]);
    }
    expect(new Set(CLOUDFLARE_IPV4_RANGES).size).toBe(CLOUDFLARE_IPV4_RANGES.length);
  });
});

describe("the Cloudflare provider", () => {
  it.each(STACKS)("%s: one provider, its API token from the environment, never in inputs", (s) => {
    const providers = recordedRun(s).ofType("pulumi:providers:cloudflare");
    expect(providers).toHaveLength(1);
    expect(inputs(providers[0]!).apiToken).toBeUndefined();
    for (const t of [RECORD, SETTING, RULESET, CERT])
      for (const r of recordedRun(s).ofType(t)) expect(r.provider).toBe(providers[0]!.key);
  });
});
