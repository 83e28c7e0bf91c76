import { resource } from "../../support/rules";
import { mandatory, runCases, type RuleCase } from "./cases";

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const detector = (p: Record<string, unknown> = {}) => resource(DETECTOR, "gd", { enable: true, ...p });
const feature = (d: ReturnType<typeof detector>, name: string, extra: Record<string, unknown> = {}) =>
  resource(FEATURE, name.toLowerCase(), { detectorId: "unknown", name, status: "ENABLED", ...extra }, { propertyDependencies: { detectorId: [d.urn] } });
const on = { requireGuardDuty: true };
const d = detector();

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
