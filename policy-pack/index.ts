// The only module that constructs the PolicyPack: it starts a gRPC server when loaded.
import { PolicyPack } from "@pulumi/policy";
import { dispatchByType } from "./core/dispatch";
import { toPolicies } from "./core/policies";
import { shareDecodedProperties } from "./core/shared-decode";
import { RULES } from "./registry";

// One pass per resource: the SDK's server runs one dispatching policy; the pack still declares one policy per rule.
// Where the dispatch cannot be installed, the SDK's own loop runs, decoding each resource once for all policies.
if (!dispatchByType(RULES).installed) shareDecodedProperties();

new PolicyPack("hardened-cluster", {
  enforcementLevel: "mandatory",
  policies: toPolicies(RULES),
});
