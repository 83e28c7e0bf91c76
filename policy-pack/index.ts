// The only module that constructs the PolicyPack: it starts a gRPC server when loaded.
import { PolicyPack } from "@pulumi/policy";
import { toPolicies } from "./core/policies";
import { RULES } from "./registry";

new PolicyPack("hardened-cluster", {
  enforcementLevel: "mandatory",
  policies: toPolicies(RULES),
});
