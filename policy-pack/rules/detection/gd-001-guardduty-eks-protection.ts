import { quietGet, UNKNOWN } from "../../core/fields";
import { stackRule, type StackResource } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { customNetworking, ENICONFIG } from "../ordering/custom-networking";

const DETECTOR = "aws:guardduty/detector:Detector";
const FEATURE = "aws:guardduty/detectorFeature:DetectorFeature";
const CLUSTER = "aws:eks/cluster:Cluster";
const ADDON = "aws:eks/addon:Addon";
/** The GuardDuty security agent's EKS add-on, when the stack manages the agent itself. */
const AGENT_ADDON = "aws-guardduty-agent";

/** A feature state read from a DetectorFeature resource. */
interface FeatureState {
  readonly name: string;
  readonly enabled: boolean;
  readonly addonManagement: boolean;
}

function featureState(f: StackResource): FeatureState | typeof UNKNOWN {
  const name = quietGet(f.props, "name");
  const status = quietGet(f.props, "status");
  const extras = quietGet(f.props, "additionalConfigurations");
  if (name === UNKNOWN || status === UNKNOWN || extras === UNKNOWN) return UNKNOWN;
  const addonManagement =
    Array.isArray(extras) && extras.some((c: Record<string, unknown>) => c?.name === "EKS_ADDON_MANAGEMENT" && c?.status === "ENABLED");
  return { name: String(name), enabled: status === "ENABLED", addonManagement };
}

/**
 * GD-001: with config requireGuardDuty, a detector with EKS audit-log and EKS runtime monitoring enabled.
 * Stacks that have neither a cluster nor a detector are not judged (the cluster's own stack is).
 * Manual agent management in a stack that cannot host the agent (VPC CNI custom networking on, no ENIConfig
 * here: ORD-002 rejects a pod-IP add-on in such a stack) is advisory: the agent is installed by the stack that
 * creates the ENIConfigs (the split layout's in-cluster stack), which this stack's preview cannot see.
 */
export const gd001 = stackRule({
  id: "GD-001",
  name: "guardduty-eks-protection",
  description:
    "When config requireGuardDuty is true, the stack must have a GuardDuty detector with EKS_AUDIT_LOGS and EKS_RUNTIME_MONITORING (or RUNTIME_MONITORING with EKS_ADDON_MANAGEMENT, or RUNTIME_MONITORING plus the aws-guardduty-agent EKS add-on managed by the stack) enabled. A stack with custom networking on and no ENIConfig cannot host the agent (ORD-002): there the missing add-on is advisory (installed by the stack that creates the ENIConfigs).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["detection", "aws"],
  seed: ["S3", "S1 §5.10"],
  upstream: "@pulumi/aws guardduty.Detector, guardduty.DetectorFeature",
  remediation:
    'Create aws.guardduty.Detector {enable: true} and DetectorFeatures {detectorId: detector.id, name: "EKS_AUDIT_LOGS", status: "ENABLED"} and {name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{name: "EKS_ADDON_MANAGEMENT", status: "ENABLED"}]}.',
  resourceTypes: [DETECTOR, FEATURE, ADDON, ENICONFIG],
  check(resources, report, config) {
    if (!config.requireGuardDuty) return;
    const detectors = resources.filter((r) => r.type === DETECTOR);
    if (detectors.length === 0) {
      const clusters = resources.filter((r) => r.type === CLUSTER);
      const message = "no aws.guardduty.Detector in the stack while config requireGuardDuty is true";
      // GuardDuty's EKS protection watches clusters: a stack without one (e.g. an in-cluster stack) relies on
      // the detector of the stack that owns the cluster, and stack findings must name a resource.
      for (const c of clusters) report({ urn: c.urn, message: `${message} (cluster ${c.name} is unmonitored)` });
      return;
    }
    // Manual agent management: the stack installs the agent add-on itself (any cluster of the stack).
    const addonNames = resources.filter((r) => r.type === ADDON).map((r) => quietGet(r.props, "addonName"));
    const agentInstalled = addonNames.includes(AGENT_ADDON);
    const agentUnknown = !agentInstalled && addonNames.includes(UNKNOWN);
    // Split layout: custom networking on and no ENIConfig here, so the agent (pod IPs) must live in the stack
    // that creates the ENIConfigs; ORD-002 would reject it in this one.
    const network = agentInstalled || agentUnknown ? undefined : customNetworking(resources);
    const agentElsewhere = network?.kind === "on" && !resources.some((r) => r.type === ENICONFIG) ? network.by : undefined;
    for (const d of detectors) {
      const enable = quietGet(d.props, "enable");
      if (enable === UNKNOWN) report({ urn: d.urn, ...cannotVerify("enable") });
      else if (enable === false) {
        report({ urn: d.urn, message: `detector ${d.name} has enable = false`, remediation: "Set enable: true on the detector." });
        continue;
      }
      const features: FeatureState[] = [];
      let deferred = false;
      for (const f of resources) {
        if (f.type !== FEATURE || !(f.propertyDependencies.detectorId ?? []).includes(d.urn)) continue;
        const s = featureState(f);
        if (s === UNKNOWN) deferred = true;
        else features.push(s);
      }
      const legacyAudit = quietGet(d.props, "datasources.kubernetes.auditLogs.enable") === true;
      const audit = legacyAudit || features.some((f) => f.name === "EKS_AUDIT_LOGS" && f.enabled);
      const runtime = features.some((f) => (f.name === "EKS_RUNTIME_MONITORING" && f.enabled) || (f.name === "RUNTIME_MONITORING" && f.enabled && (f.addonManagement || agentInstalled)));
      const runtimeDeferred = !runtime && agentUnknown && features.some((f) => f.name === "RUNTIME_MONITORING" && f.enabled);
      if (!deferred && audit && runtimeDeferred) {
        report({ urn: d.urn, ...cannotVerify("addonName of the stack's EKS add-ons (is aws-guardduty-agent installed?)") });
        continue;
      }
      if (deferred && (!audit || !runtime)) {
        report({ urn: d.urn, ...cannotVerify(`DetectorFeature name/status of detector ${d.name}`) });
        continue;
      }
      if (!audit) {
        report({
          urn: d.urn,
          message: `detector ${d.name} has no DetectorFeature EKS_AUDIT_LOGS with status ENABLED (joined through detectorId)`,
          remediation: 'Add aws.guardduty.DetectorFeature {detectorId: detector.id, name: "EKS_AUDIT_LOGS", status: "ENABLED"}.',
        });
      }
      const manualAgent = features.some((f) => f.name === "RUNTIME_MONITORING" && f.enabled && !f.addonManagement);
      if (!runtime && manualAgent && agentElsewhere !== undefined) {
        report({
          urn: d.urn,
          advisory: true,
          message: `detector ${d.name} has RUNTIME_MONITORING with manual agent management and no aws-guardduty-agent EKS add-on in this stack, which cannot host it (custom networking is on: ${agentElsewhere}; no ENIConfig here): the agent is expected from the stack that creates the ENIConfigs`,
          remediation: "Create the aws-guardduty-agent add-on (components/detection GuardDutyAgent) in the stack that creates the ENIConfigs, after them, and verify it there.",
        });
        continue;
      }
      if (!runtime) {
        report({
          urn: d.urn,
          message: `detector ${d.name} has no EKS runtime monitoring: need DetectorFeature EKS_RUNTIME_MONITORING ENABLED, or RUNTIME_MONITORING ENABLED with additionalConfigurations EKS_ADDON_MANAGEMENT ENABLED or an aws-guardduty-agent EKS add-on in the stack`,
          remediation:
            'Add aws.guardduty.DetectorFeature {detectorId: detector.id, name: "RUNTIME_MONITORING", status: "ENABLED", additionalConfigurations: [{name: "EKS_ADDON_MANAGEMENT", status: "ENABLED"}]}.',
        });
      }
    }
  },
});
