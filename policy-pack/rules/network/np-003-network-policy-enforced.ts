import { addonConfiguration } from "../../core/addon-config";
import { stackRule, type StackResource } from "../../core/rule";
import { NAMESPACE_TYPE, findTenants, ownedTenants } from "../../core/tenants";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { NETWORK_POLICY_TYPE } from "./netpol";

/** Token of an EKS add-on. */
const ADDON_TYPE = "aws:eks/addon:Addon";

/** True when `configurationValues` (JSON text or object) sets `enableNetworkPolicy` to `"true"`. */
export function enablesNetworkPolicy(configurationValues: unknown): boolean {
  return addonConfiguration(configurationValues)?.enableNetworkPolicy === "true";
}

/** NP-003: NetworkPolicies are enforced: the vpc-cni add-on has network policy on, or another enforcing CNI is named. */
export const np003 = stackRule({
  id: "NP-003",
  name: "network-policy-enforced",
  description: "A stack with NetworkPolicies or tenants configures the vpc-cni add-on with enableNetworkPolicy \"true\" (or names another enforcing CNI).",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["network", "tenancy"],
  seed: ["S4"],
  upstream: "EKS user guide: Configure your cluster for Kubernetes network policies",
  remediation: `Add aws.eks.Addon {addonName: "vpc-cni", configurationValues: JSON.stringify({enableNetworkPolicy: "true"})}, or set pack config networkPolicyProvider (e.g. "calico").`,
  resourceTypes: [ADDON_TYPE, NETWORK_POLICY_TYPE, NAMESPACE_TYPE],
  check(resources, report, config) {
    if (config.networkPolicyProvider !== "") return;
    const policies = resources.filter((r) => r.type === NETWORK_POLICY_TYPE);
    const tenants = ownedTenants(findTenants(resources, config));
    const needer: StackResource | undefined = policies[0] ?? tenants[0]?.resource;
    if (!needer) return;
    const cniAddons: StackResource[] = [];
    for (const addon of resources.filter((r) => r.type === ADDON_TYPE)) {
      const name = readMaybeUnknown(() => addon.props?.addonName);
      if (!name.known) {
        report({ ...cannotVerify("addonName"), urn: addon.urn });
        return;
      }
      if (name.value === "vpc-cni") cniAddons.push(addon);
    }
    if (cniAddons.length === 0) {
      report({
        urn: needer.urn,
        message: `the stack has NetworkPolicies or tenant namespaces but no aws:eks/addon:Addon with addonName "vpc-cni" (and config networkPolicyProvider is empty): policies would not be enforced`,
      });
      return;
    }
    let unknown = false;
    for (const addon of cniAddons) {
      const values = readMaybeUnknown(() => addon.props?.configurationValues);
      if (!values.known) {
        report({ ...cannotVerify("configurationValues"), urn: addon.urn });
        unknown = true;
        continue;
      }
      if (enablesNetworkPolicy(values.value)) return;
    }
    if (unknown) return;
    report({
      urn: cniAddons[0].urn,
      message: `configurationValues of the vpc-cni add-on does not set enableNetworkPolicy to "true": NetworkPolicies are not enforced`,
      remediation: `Set configurationValues to JSON.stringify({enableNetworkPolicy: "true"}) on the vpc-cni add-on.`,
    });
  },
});
