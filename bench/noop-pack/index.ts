/**
 * The floor of the pack-cost benchmark (bench/pack-cost.ts): a CrossGuard pack with one resource policy and one
 * stack policy that do nothing. Its cost per resource is what the SDK and gRPC take for one decoded copy of each
 * resource (the resource policy's `analyze`) plus one pass over the stack (`analyzeStack`): what the real pack
 * would cost if its rules were free.
 */
import { PolicyPack } from "@pulumi/policy";

new PolicyPack("hardened-cluster-noop", {
  enforcementLevel: "mandatory",
  policies: [
    { name: "noop-resource", description: "Does nothing.", validateResource: () => undefined },
    { name: "noop-stack", description: "Does nothing.", validateStack: () => undefined },
  ],
});
