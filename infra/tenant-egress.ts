import { podEgressAllowances, suggestedExtraEgress, uncoveredEgress, type PodEgressAllowance } from "../components/firewall/egress-coverage";
import type { TenantConfig } from "../components/tenant/config";
import type { PlatformConfig } from "./schema";

/** One tenant egress entry the pod SG never lets through: its config path, why, and the fix. */
export interface UnreachableEgress {
  readonly path: (string | number)[];
  readonly message: string;
  readonly fix: string;
}

/**
 * The pod SG's CIDR egress of an AWS stack (exported as the `podEgress` stack output for the in-cluster stack):
 * the defaults (DNS, the NAT's 443 in NAT mode) plus `extraEgress`.
 */
export function podEgressFor(config: Pick<PlatformConfig, "network" | "extraEgress">): PodEgressAllowance[] {
  const awsApis = config.network.privateOnly ? ({ mode: "endpoints" } as const) : ({ mode: "nat" } as const);
  return podEgressAllowances({ vpcCidr: config.network.cidr, podCidr: config.network.podCidr, awsApis, addonPorts: [], extraEgress: config.extraEgress });
}

/**
 * Tenant egress allowlist entries that no pod can reach because the shared pod SG drops them, with the path
 * `tenants[i].egress[j]` and the `extraEgress` entry that would open them in the AWS stack (`awsStack`, when the
 * tenants live in another stack).
 */
export function unreachableTenantEgress(tenants: readonly Pick<TenantConfig, "egress">[], allowances: readonly PodEgressAllowance[], awsStack?: string): UnreachableEgress[] {
  const out: UnreachableEgress[] = [];
  tenants.forEach((t, i) =>
    t.egress.forEach((e, j) => {
      const message = uncoveredEgress(e, allowances);
      if (message) out.push({ path: ["tenants", i, "egress", j], message, fix: `add to hardened-cluster:extraEgress${awsStack ? ` of the AWS stack ${awsStack}` : ""} ${suggestedExtraEgress(e)}, or remove the entry` });
    }),
  );
  return out;
}
