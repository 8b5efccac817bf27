/**
 * Outgoing mail through Amazon SES, in every stack with a sender: one domain identity per
 * environment with Easy DKIM and a MAIL FROM domain, their records in the region's zone, a
 * configuration set requiring TLS, and senders that use the SES API with their own role, allowed
 * to send from the identity only. No SMTP password, no IAM key, no SendGrid.
 */
import { catalog } from "../../config";
import type { RecordedResource } from "../../harness/run";
import { loadRecordedRuns, named, planFor, recordedRun, type Obj } from "../helpers/runs";
import { STACKS } from "../helpers/stacks";

beforeAll(loadRecordedRuns);

const T = {
  set: "aws:sesv2/configurationSet:ConfigurationSet",
  identity: "aws:sesv2/emailIdentity:EmailIdentity",
  mailFrom: "aws:sesv2/emailIdentityMailFromAttributes:EmailIdentityMailFromAttributes",
  record: "cloudflare:index/dnsRecord:DnsRecord",
  rolePolicy: "aws:iam/rolePolicy:RolePolicy",
  kv: "vault:kv/secretV2:SecretV2",
};
const inputs = (r: RecordedResource) => r.inputs as Obj;
const of = (stack: string, type: string) => recordedRun(stack).ofType(type).map(inputs);
const mailEntry = Object.keys(catalog.entries).find((n) => catalog.entries[n]!.kind === "smtp")!;
const sendersOf = (stack: string) =>
  planFor(stack)
    .workloads.filter((w) => w.egress.some((e) => e.to === mailEntry))
    .map((w) => w.name);

describe.each(STACKS)("mail of %s", (stack) => {
  const plan = () => planFor(stack);

  it("has an SES identity exactly where a workload sends mail, named by the host rule", () => {
    const senders = sendersOf(stack);
    expect(of(stack, T.identity)).toHaveLength(senders.length ? 1 : 0);
    expect(plan().data?.mail?.senders ?? []).toEqual(senders);
    if (!senders.length) return;
    const label = { production: "", staging: "staging.", development: "dev." }[plan().tier];
    const identity = of(stack, T.identity)[0]!;
    expect(identity).toMatchObject({
      emailIdentity: `${label}${plan().domain}`,
      configurationSetName: `ecommerce-platform-${stack}`,
      dkimSigningAttributes: { nextSigningKeyLength: "RSA_2048_BIT" },
    });
    const r = recordedRun(stack).ofType(T.identity)[0]!;
    expect(r.options.protect).toBe(plan().tier === "production");
  });

  it("sends through a configuration set that requires TLS and suppresses bounces and complaints", () => {
    if (!sendersOf(stack).length) return expect(of(stack, T.set)).toEqual([]);
    expect(of(stack, T.set)).toEqual([
      expect.objectContaining({
        configurationSetName: `ecommerce-platform-${stack}`,
        deliveryOptions: { tlsPolicy: "REQUIRE" },
        suppressionOptions: { suppressedReasons: ["BOUNCE", "COMPLAINT"] },
      }),
    ]);
  });

  it("publishes DKIM, MAIL FROM MX and SPF in the region's zone, unproxied", () => {
    const mail = plan().data?.mail;
    if (!mail) return;
    const records = of(stack, T.record).filter(
      (r) => r.comment === `SES ${mail.identity} (ecommerce-platform)`,
    );
    const dkim = records.filter((r) => r.name.includes("._domainkey."));
    expect(dkim).toHaveLength(3);
    for (const r of dkim) {
      const token = r.name.split(".")[0];
      expect(r).toMatchObject({
        name: `${token}._domainkey.${mail.identity}`,
        type: "CNAME",
        content: `${token}.dkim.amazonses.com`,
        proxied: false,
        zoneId: planFor(catalog.regions[plan().region]!.zone.owner).settings.cloudflareZoneId,
      });
    }
    expect(new Set(dkim.map((r) => r.name)).size).toBe(3);
    const from = of(stack, T.mailFrom)[0]!;
    expect(from).toMatchObject({
      emailIdentity: mail.identity,
      mailFromDomain: `bounce.${mail.identity}`,
      behaviorOnMxFailure: "USE_DEFAULT_VALUE",
    });
    const bounce = records.filter((r) => r.name === `bounce.${mail.identity}`);
    expect(bounce.map((r) => [r.type, r.content, r.priority]).sort()).toEqual([
      ["MX", `feedback-smtp.${plan().settings.awsRegion}.amazonses.com`, 10],
      ["TXT", '"v=spf1 include:amazonses.com -all"', undefined],
    ]);
    expect(records.every((r) => r.proxied === false)).toBe(true);
    expect(records.every((r) => r.name.endsWith(`.${plan().domain}`))).toBe(true);
  });

  it("lets exactly the senders send, from the identity's addresses, through its configuration set", () => {
    const mail = plan().data?.mail;
    const data = plan().data;
    const withSes = recordedRun(stack)
      .ofType(T.rolePolicy)
      .flatMap((r) => {
        const statements = JSON.parse(inputs(r).policy as string).Statement as Obj[];
        const ses = statements.filter((s) => [s.Action].flat().some((a: string) => a.startsWith("ses:")));
        return ses.length ? [{ workload: r.parent!.split("-data-")[1]!.replace(/-identity$/, ""), ses }] : [];
      });
    expect(withSes.map((x) => x.workload).sort()).toEqual(sendersOf(stack).sort());
    for (const { ses } of withSes) {
      expect(ses).toEqual([
        {
          Sid: "SendFromItsIdentity",
          Effect: "Allow",
          Action: ["ses:SendEmail", "ses:SendRawEmail"],
          Resource: [
            `arn:aws:ses:${data!.awsRegion}:${data!.accountId}:identity/${mail!.identity}`,
            `arn:aws:ses:${data!.awsRegion}:${data!.accountId}:configuration-set/${mail!.configurationSet}`,
          ],
          Condition: { StringLike: { "ses:FromAddress": `*@${mail!.identity}` } },
        },
      ]);
    }
  });

  it("gives senders MAIL_URL from Vault (no credential in it), and egress on 443 only", () => {
    const mail = plan().data?.mail;
    if (!mail) return;
    const written = of(stack, T.kv).find((r) => r.name === `ecommerce-platform/${stack}/${mailEntry}`)!;
    expect(JSON.parse(written.dataJson)).toEqual({ url: mail.url });
    expect(mail.url).toBe(
      `https://email.${plan().settings.awsRegion}.amazonaws.com/v2/email/outbound-emails?from=no-reply%40${mail.identity}&configurationSet=ecommerce-platform-${stack}`,
    );
    expect(mail.url).not.toMatch(/:[^/]*@|password|secret|key=/i);
    for (const s of mail.senders) {
      const w = plan().workloads.find((x) => x.name === s)!;
      const v = w.env.find((x) => x.name === "MAIL_URL")!;
      expect(v.secret).toMatchObject({ key: `ecommerce-platform/${stack}/${mailEntry}`, property: "url" });
      expect(w.env.map((x) => x.name)).not.toEqual(
        expect.arrayContaining([expect.stringMatching(/SMTP|SENDGRID|AWS_SECRET/)]),
      );
      const egress = named(stack, "NetworkPolicy", s).spec.egress as Obj[];
      const ports = egress.flatMap((e) => (e.ports ?? []).map((p: Obj) => p.port));
      expect(ports).not.toContain(587);
      expect(ports).toContain(443);
    }
  });
});

it("no two stacks create the same SES identity, and every identity's records go to its own region's zone", () => {
  const identities = STACKS.flatMap((s) => of(s, T.identity).map((i) => i.emailIdentity as string));
  expect(new Set(identities).size).toBe(identities.length);
  expect(identities.length).toBeGreaterThan(0);
  for (const s of STACKS) {
    for (const i of of(s, T.identity))
      expect([s, (i.emailIdentity as string).endsWith(planFor(s).domain)]).toEqual([s, true]);
  }
  // The zone's SPF (apex) admits SES, the only sender.
  for (const region of Object.keys(catalog.regions)) {
    const owner = catalog.regions[region]!.zone.owner;
    const apex = of(owner, T.record).find(
      (r) => r.type === "TXT" && r.name === catalog.regions[region]!.domain,
    );
    expect(apex?.content).toBe('"v=spf1 include:amazonses.com -all"');
    // DMARC: DKIM aligned strictly (SES signs as the identity), SPF relaxed (bounce.<identity>).
    const dmarc = of(owner, T.record).find((r) => r.name === `_dmarc.${catalog.regions[region]!.domain}`);
    expect(dmarc?.content).toMatch(/^"v=DMARC1; p=quarantine; adkim=s; aspf=r; rua=mailto:dmarc-reports@/);
  }
});
