import { resource } from "../../support/rules";
import { advisory, mandatory, runCases, type RuleCase } from "./cases";

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const detector = (p: Record<string, unknown> = {}) => resource(DETECTOR, "gd", { enable: true, ...p });
const feature = (d: ReturnType<typeof detector>, name: string, extra: Record<string, unknown> = {}) =>
  resource(FEATURE, name.toLowerCase(), { detectorId: "unknown", name, status: "ENABLED", ...extra }, { propertyDependencies: { detectorId: [d.urn] } });
const on = { requireGuardDuty: true };
const d = detector();
const manualRuntime = (det: ReturnType<typeof detector>) => feature(det, "RUNTIME_MONITORING", { additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }] });
const customCni = resource("aws:eks/addon:Addon", "cni", { addonName: "vpc-cni", clusterName: "c", configurationValues: JSON.stringify({ env: { AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG: "true" } }) });
const eniConfig = resource("kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig", "eu-west-1a", { metadata: { name: "eu-west-1a" }, spec: { subnet: "subnet-a", securityGroups: ["sg-pods"] } });

const cases: RuleCase[] = [
  { title: "GD-001 ✔ not required", rule: "GD-001", target: [], expect: null },
  { title: "GD-001 ✘ required, no detector", rule: "GD-001", target: [resource("aws:eks/cluster:Cluster", "eks", {})], config: on, expect: mandatory("aws.guardduty.Detector") },
  { title: "GD-001 ✔ required, but no cluster in this stack (its own stack is judged)", rule: "GD-001", target: [resource("kubernetes:core/v1:Namespace", "ns", { metadata: { name: "a" } })], config: on, expect: null },
  { title: "GD-001 ✔ EKS_AUDIT_LOGS + EKS_RUNTIME_MONITORING", rule: "GD-001", target: [d, feature(d, "EKS_AUDIT_LOGS"), feature(d, "EKS_RUNTIME_MONITORING")], config: on, expect: null },
  {
    title: "GD-001 ✔ RUNTIME_MONITORING with EKS_ADDON_MANAGEMENT",
    rule: "GD-001",
    target: [d, feature(d, "EKS_AUDIT_LOGS"), feature(d, "RUNTIME_MONITORING", { additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "ENABLED" }] })],
    config: on,
    expect: null,
  },
  { title: "GD-001 ✘ RUNTIME_MONITORING without add-on management", rule: "GD-001", target: [d, feature(d, "EKS_AUDIT_LOGS"), feature(d, "RUNTIME_MONITORING")], config: on, expect: mandatory("EKS_ADDON_MANAGEMENT", 1) },
  {
    title: "GD-001 ✔ RUNTIME_MONITORING with the agent add-on managed by the stack (manual agent management, R2)",
    rule: "GD-001",
    target: [d, feature(d, "EKS_AUDIT_LOGS"), feature(d, "RUNTIME_MONITORING", { additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }] }), resource("aws:eks/addon:Addon", "agent", { addonName: "aws-guardduty-agent", clusterName: "c" })],
    config: on,
    expect: null,
  },
  {
    title: "GD-001 ✘ manual agent management without the agent add-on",
    rule: "GD-001",
    target: [d, feature(d, "EKS_AUDIT_LOGS"), feature(d, "RUNTIME_MONITORING", { additionalConfigurations: [{ name: "EKS_ADDON_MANAGEMENT", status: "DISABLED" }] }), resource("aws:eks/addon:Addon", "cni", { addonName: "vpc-cni", clusterName: "c" })],
    config: on,
    expect: mandatory("aws-guardduty-agent", 1),
  },
  {
    title: "GD-001 ~ split layout: custom networking on and no ENIConfig here, so the agent comes from the stack that creates them (advisory)",
    rule: "GD-001",
    target: [d, feature(d, "EKS_AUDIT_LOGS"), manualRuntime(d), customCni],
    config: on,
    expect: advisory("stack that creates the ENIConfigs", 1),
  },
  {
    title: "GD-001 ✘ custom networking on, ENIConfigs in this stack, no agent add-on (the stack could host it)",
    rule: "GD-001",
    target: [d, feature(d, "EKS_AUDIT_LOGS"), manualRuntime(d), customCni, eniConfig],
    config: on,
    expect: mandatory("aws-guardduty-agent", 1),
  },
  {
    title: "GD-001 ✘ split layout does not excuse missing audit logs",
    rule: "GD-001",
    target: [d, manualRuntime(d), customCni],
    config: on,
    expect: mandatory("EKS_AUDIT_LOGS"),
  },
  { title: "GD-001 ✘ audit logs disabled", rule: "GD-001", target: [d, feature(d, "EKS_AUDIT_LOGS", { status: "DISABLED" }), feature(d, "EKS_RUNTIME_MONITORING")], config: on, expect: mandatory("EKS_AUDIT_LOGS", 1) },
  { title: "GD-001 ✘ detector disabled", rule: "GD-001", target: [detector({ enable: false })], config: on, expect: mandatory("enable") },
  {
    title: "GD-001 ✘ features on another detector do not count",
    rule: "GD-001",
    target: (() => {
      const other = resource(DETECTOR, "other", { enable: true });
      return [d, other, feature(other, "EKS_AUDIT_LOGS"), feature(other, "EKS_RUNTIME_MONITORING")];
    })(),
    config: on,
    expect: mandatory("detector gd"),
  },
];

describe("detection rules", () => {
  runCases(cases);
});
