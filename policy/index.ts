/**
 * The platform's policy pack, for `pulumi preview --policy-pack policy` (and `up`): the rules of
 * `rules.ts`, each mandatory. An input a preview does not know yet passes, with a note.
 */
import { PolicyPack, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { applies, RESOURCE_RULES, STACK_RULES } from "./rules";

const resourcePolicies: ResourceValidationPolicy[] = RESOURCE_RULES.map((rule) => ({
  name: rule.name,
  description: rule.description,
  enforcementLevel: "mandatory",
  validateResource: (args, reportViolation) => {
    if (!applies(rule, args.type)) return;
    const verdict = rule.check(args.props as Record<string, unknown>, args.type);
    for (const v of verdict.violations) reportViolation(v);
    if (!verdict.violations.length && verdict.unknown.length)
      args.notApplicable(`not known yet (a preview): ${verdict.unknown.join(", ")}`);
  },
}));

const stackPolicies: StackValidationPolicy[] = STACK_RULES.map((rule) => ({
  name: rule.name,
  description: rule.description,
  enforcementLevel: "mandatory",
  validateStack: (args, reportViolation) => {
    const verdict = rule.check(
      args.resources.map((r) => ({ type: r.type, inputs: r.props as Record<string, unknown> })),
    );
    for (const v of verdict.violations) reportViolation(v);
  },
}));

new PolicyPack("ecommerce-platform", { policies: [...resourcePolicies, ...stackPolicies] });
