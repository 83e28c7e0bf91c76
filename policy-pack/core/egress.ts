/**
 * Restricted egress (seed S1 §5.7 "ingress and egress"; EKS "Restricting cluster traffic"), derived from the port
 * table instead of a second list: a node or pod SG may send traffic only where a port-table row lets that traffic
 * in. Egress from role R to an SG of role T is documented when a row targets T and lists R (or, for R's own group,
 * `self`) among its sources; to a private CIDR when a single-protocol row lists R or `vpc-cidr` (node and pod
 * addresses are VPC addresses); plus the AWS API paths (HTTPS to the S3 gateway prefix list, and to 0.0.0.0/0 only
 * when config awsApiPath is `nat`) and the justified config `extraEgress` entries.
 */
import type { SecurityGroupRole } from "../baseline/labels";
import { VPC_ENDPOINT_PORT, type PortRow, type PortSource } from "../baseline/ports";
import { isPrivate, isWorld, parseCidr, withinAny } from "./cidr";
import type { PackConfig } from "./config";
import { tableRows, withinRow, type IngressRule, type IngressSource, type TargetRole } from "./security-groups";

/** Roles whose egress is restricted (mandatory): the SGs that hold workloads. */
export const RESTRICTED_EGRESS_ROLES: readonly SecurityGroupRole[] = ["node", "pods", "sensitive-node", "sensitive-pods"];

/**
 * Kubelet traffic to the EKS cluster SG: EKS attaches the cluster SG to managed nodes, so kubelets (and the node
 * metrics endpoint) sit behind it; "Restricting cluster traffic" lists TCP 10250 to the cluster SG among the
 * minimum outbound rules of nodes. The port table lists 10250 on node targets only, hence this one documented addition.
 */
const EKS_NODE_EGRESS: readonly { readonly row: string; readonly target: SecurityGroupRole }[] = [{ row: "kubelet", target: "cluster" }];

/** How a destination is allowed, for messages; undefined = not documented. */
export type EgressPermit = { readonly by: string } | undefined;

/** The port-table source kinds a workload SG of `role` counts as when it opens a connection. */
function asSource(role: SecurityGroupRole): PortSource[] {
  return [role as PortSource, "vpc-cidr"];
}

function rowsCovering(rule: IngressRule, config: PackConfig): PortRow[] {
  return tableRows(config).filter((row) => withinRow(rule, row));
}

function isHttps(rule: IngressRule): boolean {
  return rule.protocol === "tcp" && rule.fromPort === VPC_ENDPOINT_PORT && rule.toPort === VPC_ENDPOINT_PORT;
}

/** Does a workload SG of `role` have a documented reason to send `rule` to `destination`? */
export function egressPermit(rule: IngressRule, destination: IngressSource, role: SecurityGroupRole, config: PackConfig): EgressPermit {
  const rows = rowsCovering(rule, config);
  const from = asSource(role);
  switch (destination.kind) {
    case "self": {
      const row = rows.find((r) => r.targets.includes(role) && r.sources.includes("self"));
      return row ? { by: `row ${row.id} (self)` } : undefined;
    }
    case "sg": {
      const target = destination.role;
      if (target === undefined) return undefined;
      if (target === role) {
        const row = rows.find((r) => r.targets.includes(role) && r.sources.includes("self"));
        return row ? { by: `row ${row.id} (same role)` } : undefined;
      }
      const row = rows.find((r) => r.targets.includes(target) && from.some((s) => r.sources.includes(s)));
      if (row) return { by: `row ${row.id} to ${target}` };
      const extra = EKS_NODE_EGRESS.find((e) => e.target === target && rows.some((r) => r.id === e.row));
      return extra ? { by: `row ${extra.row} to the EKS cluster SG (EKS minimum node egress)` } : undefined;
    }
    case "prefixList":
      return isHttps(rule) ? { by: "HTTPS to an AWS service prefix list (gateway endpoint)" } : undefined;
    case "cidr": {
      const allowance = config.extraEgress.find(
        (e) => rule.protocol === e.protocol && rule.fromPort >= e.fromPort && rule.toPort <= e.toPort && parseCidr(destination.cidr) !== undefined && withinAny(destination.cidr, [e.cidr]),
      );
      if (allowance) return { by: `config extraEgress ${allowance.name}` };
      if (isWorld(destination.cidr)) return config.awsApiPath === "nat" && isHttps(rule) ? { by: "HTTPS through the NAT gateway (config awsApiPath nat)" } : undefined;
      if (!parseCidr(destination.cidr) || !isPrivate(destination.cidr)) return undefined;
      const row = rows.find((r) => !r.protocols.includes("all") && from.some((s) => r.sources.includes(s)));
      return row ? { by: `row ${row.id} inside the VPC` } : undefined;
    }
  }
}

/** True when egress of an SG with this role is restricted by SG-010. */
export function egressRestricted(role: TargetRole): role is SecurityGroupRole {
  return (RESTRICTED_EGRESS_ROLES as readonly string[]).includes(role);
}
