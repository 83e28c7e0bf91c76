/**
 * The floor of the pack-cost benchmark (bench/pack-cost.ts): a CrossGuard pack whose policies do nothing.
 *
 * - default (`NOOP_PACK_SHAPE` unset or `minimal`): one resource policy and one stack policy. Its cost is what the
 *   SDK and gRPC take for one decoded copy of each resource plus one pass over the stack: what the real pack would
 *   cost if its rules and its policy count were free.
 * - `NOOP_PACK_SHAPE=registry`: one no-op policy per rule of the real pack (same names, same single-type marks),
 *   served by the SDK as shipped: the real pack's policy list without its rules.
 */
import { PolicyPack, type ResourceValidationPolicy, type StackValidationPolicy } from "@pulumi/policy";
import { RULES } from "../../policy-pack/registry";

const doNothing = (): void => undefined;

/** One no-op policy per registry rule, marked with its type where the real pack marks it. */
function registryShaped(): (ResourceValidationPolicy | StackValidationPolicy)[] {
  return RULES.map((rule) => {
    if (rule.kind === "stack") return { name: rule.name, description: rule.description, validateStack: doNothing };
    const validateResource = (): void => undefined;
    if (rule.resourceTypes.length === 1) Object.assign(validateResource, { __pulumiType: rule.resourceTypes[0] });
    return { name: rule.name, description: rule.description, validateResource };
  });
}

const minimal: (ResourceValidationPolicy | StackValidationPolicy)[] = [
  { name: "noop-resource", description: "Does nothing.", validateResource: doNothing },
  { name: "noop-stack", description: "Does nothing.", validateStack: doNothing },
];

new PolicyPack("hardened-cluster-noop", {
  enforcementLevel: "mandatory",
  policies: process.env.NOOP_PACK_SHAPE === "registry" ? registryShaped() : minimal,
});
