import { CreationOrder, graphMissing, label } from "../../core/creation-order";
import { quietGet, UNKNOWN } from "../../core/fields";
import { stackRule } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { ADDON, CUSTOM_NETWORKING_DOCS, customNetworking, ENICONFIG, HOST_NETWORK_ADDONS, NODE_GROUP } from "./custom-networking";

/** ORD-002: with custom networking, ENIConfigs exist before node groups and before add-ons that need pod IPs. */
export const ord002 = stackRule({
  id: "ORD-002",
  name: "eniconfig-before-pods",
  description:
    "When VPC CNI custom networking is on, node groups and every add-on that is not host-network-only (all but vpc-cni, kube-proxy, eks-pod-identity-agent) are created after the stack's ENIConfigs; such an add-on in a stack with no ENIConfig never gets pod IPs and times out DEGRADED.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["ordering", "eks", "aws"],
  seed: ["S1 §5.1"],
  upstream: CUSTOM_NETWORKING_DOCS,
  remediation: "Create the ENIConfigs first and give node groups and pod-IP add-ons dependsOn on them, or create those add-ons in the stack that creates the ENIConfigs.",
  resourceTypes: [ENICONFIG, ADDON, NODE_GROUP],
  check(resources, report) {
    const mode = customNetworking(resources);
    if (mode.kind === "unknown") {
      report({ ...cannotVerify("configurationValues of the vpc-cni add-on"), urn: mode.urn });
      return;
    }
    if (mode.kind === "off") return;
    const eniConfigs = resources.filter((r) => r.type === ENICONFIG);
    const order = new CreationOrder(resources);
    for (const r of resources) {
      let needsPods: boolean;
      if (r.type === NODE_GROUP) needsPods = false;
      else if (r.type === ADDON) {
        const name = quietGet(r.props, "addonName");
        if (name === UNKNOWN) {
          report({ ...cannotVerify("addonName"), urn: r.urn });
          continue;
        }
        if (typeof name === "string" && HOST_NETWORK_ADDONS.includes(name)) continue;
        needsPods = true;
      } else continue;
      if (eniConfigs.length === 0) {
        report({
          urn: r.urn,
          // Nodes still join (aws-node is host-network); they only need recycling once ENIConfigs exist.
          advisory: !needsPods,
          message: needsPods
            ? `${label(r)} runs pods that need pod IPs, but custom networking is on (${mode.by}) and this stack creates no ENIConfig: its pods get no IP and the add-on times out DEGRADED on first apply`
            : `${label(r)} launches nodes while custom networking is on (${mode.by}) and this stack creates no ENIConfig: nodes launched before the ENIConfigs exist must be recycled afterwards`,
          remediation: needsPods
            ? `Create ${r.name} in the stack that creates the ENIConfigs, with dependsOn on them.`
            : "Create the ENIConfigs before the nodes launch, or recycle the nodes after the stack that creates them has run (see docs/deploy.md).",
        });
        continue;
      }
      if (!order.recorded) {
        report(graphMissing(`that ${label(r)} is created after the ENIConfigs`, r.urn));
        continue;
      }
      const missing = eniConfigs.filter((e) => !order.isBefore(e.urn, r.urn));
      if (missing.length === 0) continue;
      report({
        urn: r.urn,
        message: `${label(r)} is not ordered after ${missing.map(label).join(", ")} while custom networking is on (${mode.by}): ${needsPods ? "its pods can start before their ENIConfig exists and get no IP" : "its nodes can start before their ENIConfig exists and must then be recycled"}`,
        remediation: `Add dependsOn on ${missing.map(label).join(", ")} (or on the component that creates them) to ${label(r)}.`,
      });
    }
  },
});
