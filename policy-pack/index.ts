// The only module that constructs the PolicyPack: it starts a gRPC server when loaded.
import { PolicyPack } from "@pulumi/policy";
import { dispatchByType } from "./core/dispatch";
import { toPolicies } from "./core/policies";
import { shareDecodedProperties } from "./core/shared-decode";
import { RULES } from "./registry";

// Decode each resource once per request for all policies (the SDK would decode it once per policy).
shareDecodedProperties();
// One pass per resource: the SDK's server runs one dispatching policy; the pack still declares one policy per rule.
dispatchByType(RULES);

new PolicyPack("hardened-cluster", {
  enforcementLevel: "mandatory",
  policies: toPolicies(RULES),
});
