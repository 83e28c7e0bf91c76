// The only module that constructs the PolicyPack: it starts a gRPC server when loaded.
import { PolicyPack } from "@pulumi/policy";
import { toPolicies } from "./core/policies";
import { shareDecodedProperties } from "./core/shared-decode";
import { RULES } from "./registry";

// Decode each resource once per request for all policies (the SDK would decode it once per policy).
shareDecodedProperties();

new PolicyPack("hardened-cluster", {
  enforcementLevel: "mandatory",
  policies: toPolicies(RULES),
});
