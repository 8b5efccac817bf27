/**
 * The GitHub Actions workflows: valid for the Actions schema (action-validator), every stack
 * previewed on pull requests (forks get the offline diff only) and deployed on main in the order
 * of a first deployment, production behind its environment, one run per stack at a time.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { validateWorkflow } from "@action-validator/core";
import { parse } from "yaml";
import { catalog } from "../../config";
import { PROJECT_ROOT } from "../../lib/project";
import { stacksReadBy } from "../../planner/deploy-order";
import { STACKS } from "../helpers/stacks";

type Obj = Record<string, any>;
const dir = path.join(PROJECT_ROOT, ".github/workflows");
const workflow = (f: string) => parse(fs.readFileSync(path.join(dir, f), "utf8")) as Obj;

describe("workflows", () => {
  it("are valid GitHub Actions workflows", () => {
    const files = fs
      .readdirSync(dir)
      .filter((f) => f.endsWith(".yml"))
      .sort();
    expect(files).toEqual(["deploy.yml", "pull-request.yml", "pulumi-stack.yml"]);
    for (const f of files) {
      const state = validateWorkflow(fs.readFileSync(path.join(dir, f), "utf8"));
      expect([f, state.errors]).toEqual([f, []]);
    }
    // And it refuses what Actions would: a job with a misspelt key.
    const broken = fs
      .readFileSync(path.join(dir, "pull-request.yml"), "utf8")
      .replace("    steps:", "    stepz:");
    expect(validateWorkflow(broken).errors.length).toBeGreaterThan(0);
  });

  it("pull requests: the offline diff for everyone, a preview of every stack for the repository's own branches", () => {
    const pr = workflow("pull-request.yml");
    const steps = (pr.jobs["offline-plan"].steps as Obj[]).map((s) => s.run ?? "").join("\n");
    expect(steps).toContain("npm ci && npm run plan -- --all");
    expect(steps).toContain("npm run -s diff --");
    const preview = pr.jobs.preview;
    expect(preview.if).toBe("github.event.pull_request.head.repo.full_name == github.repository");
    expect(new Set(preview.strategy.matrix.stack)).toEqual(new Set(STACKS));
    expect(preview.with.command).toBe("preview");
  });

  it("main: every stack up once, after the stacks it reads, production behind its environment", () => {
    const deploy = workflow("deploy.yml");
    const jobOf = new Map<string, string>();
    const environmentOf = new Map<string, string>();
    for (const [name, job] of Object.entries(deploy.jobs as Record<string, Obj>)) {
      expect(job.with.command).toBe("up");
      const entries: Obj[] = job.strategy?.matrix.include ?? [
        { stack: job.with.stack, environment: job.with.environment },
      ];
      for (const e of entries) {
        expect([e.stack, jobOf.has(e.stack)]).toEqual([e.stack, false]);
        jobOf.set(e.stack, name);
        environmentOf.set(e.stack, e.environment);
      }
    }
    expect(new Set(jobOf.keys())).toEqual(new Set(STACKS));
    const before = (a: string, b: string): boolean => {
      const needs = [deploy.jobs[b].needs].flat().filter(Boolean) as string[];
      return needs.includes(a) || needs.some((n) => before(a, n));
    };
    for (const s of STACKS)
      for (const r of stacksReadBy(catalog, s))
        expect([s, r, before(jobOf.get(r)!, jobOf.get(s)!)]).toEqual([s, r, true]);
    for (const s of STACKS)
      expect([s, environmentOf.get(s)]).toEqual([
        s,
        catalog.environments[s]!.tier === "production" ? "production" : "non-production",
      ]);
  });

  it("one run per stack at a time, credentials from OIDC and the environment's secrets, dependencies from the lockfile", () => {
    const stack = workflow("pulumi-stack.yml");
    const job = stack.jobs.pulumi;
    expect(job.concurrency).toEqual({ group: "pulumi-${{ inputs.stack }}", "cancel-in-progress": false });
    expect(stack.permissions["id-token"]).toBe("write");
    const steps = job.steps as Obj[];
    expect(steps.map((s) => s.run).filter(Boolean)).toEqual(["npm ci"]);
    expect(steps.some((s) => String(s.uses).startsWith("aws-actions/configure-aws-credentials"))).toBe(true);
    expect(steps.find((s) => String(s.uses).startsWith("pulumi/actions"))!.with["stack-name"]).toContain(
      "${{ inputs.stack }}",
    );
  });
});
