/**
 * The port table: the only ingress a hardened cluster's security groups may carry
 * (seed S1 §5.4.1 / kubernetes.io "Ports and Protocols"; EKS "security group requirements").
 * The Firewall component generates its rules from these rows; SG-001…SG-007 judge rules against them.
 */

/** Normalised protocol of a security-group rule. */
export type PortProtocol = "tcp" | "udp" | "icmp" | "all";

/** Which control plane a row applies to. */
export type ControlPlaneScope = "eks" | "self-managed" | "both";

/** Kinds of source a row permits. */
export type PortSource =
  | "self" // the rule's own security group
  | "node" // the node security group
  | "cluster" // the EKS cluster security group
  | "control-plane" // self-managed control-plane security group
  | "lb" // a load-balancer security group
  | "pods" // the pod security group (self-reference on the pod SG)
  | "sensitive-node" // the sensitive pool's node security group
  | "sensitive-pods" // the sensitive tenants' pod security group (security groups for pods)
  | "trusted-cidrs" // config trustedCidrs
  | "trusted-sgs" // config trustedSecurityGroupIds
  | "vpc-cidr"; // a private (RFC 1918 / RFC 6598) CIDR: the VPC's own range

/** One row of the port table. */
export interface PortRow {
  readonly id: string;
  readonly protocols: readonly PortProtocol[];
  readonly fromPort: number;
  readonly toPort: number;
  readonly purpose: string;
  readonly scope: ControlPlaneScope;
  readonly sources: readonly PortSource[];
  /** Security-group roles this row may appear on (the SG that is being protected). */
  readonly targets: readonly string[];
  /**
   * The add-on that needs this row. The Firewall opens the row only while that add-on is declared installed
   * (an enabled `addonPorts` entry of the same name); the pack accepts the row either way.
   */
  readonly addon?: string;
}

/** The documented Kubernetes ports, as data. `fromPort/toPort` of -1/-1 with protocol `all` means all traffic. */
export const PORT_TABLE: readonly PortRow[] = [
  { id: "api", protocols: ["tcp"], fromPort: 443, toPort: 443, purpose: "EKS API server (serves 6443 on 443)", scope: "eks", sources: ["node", "self", "pods", "sensitive-node", "sensitive-pods", "trusted-cidrs"], targets: ["cluster"] },
  { id: "api-sm", protocols: ["tcp"], fromPort: 6443, toPort: 6443, purpose: "kube-apiserver", scope: "self-managed", sources: ["node", "control-plane", "self", "trusted-cidrs"], targets: ["control-plane"] },
  { id: "etcd", protocols: ["tcp"], fromPort: 2379, toPort: 2380, purpose: "etcd client/peer", scope: "self-managed", sources: ["self"], targets: ["control-plane"] },
  { id: "kubelet", protocols: ["tcp"], fromPort: 10250, toPort: 10250, purpose: "kubelet API", scope: "both", sources: ["cluster", "control-plane", "self"], targets: ["node", "sensitive-node", "control-plane"] },
  { id: "scheduler", protocols: ["tcp"], fromPort: 10259, toPort: 10259, purpose: "kube-scheduler", scope: "self-managed", sources: ["self"], targets: ["control-plane"] },
  { id: "ctrl-mgr", protocols: ["tcp"], fromPort: 10257, toPort: 10257, purpose: "kube-controller-manager", scope: "self-managed", sources: ["self"], targets: ["control-plane"] },
  // metrics-server is a pod on the pod SG and scrapes every kubelet at nodeIP:10250 (kubelet authenticates and
  // authorises each call through the API server: webhook authn/authz, anonymous auth off on EKS AMIs).
  { id: "kubelet-pods", protocols: ["tcp"], fromPort: 10250, toPort: 10250, purpose: "kubelet API from pods (metrics-server scrapes nodeIP:10250)", scope: "both", sources: ["pods"], targets: ["node", "sensitive-node"], addon: "metrics-server" },
  { id: "nodeport", protocols: ["tcp", "udp"], fromPort: 30000, toPort: 32767, purpose: "NodePort Services", scope: "both", sources: ["lb", "trusted-sgs", "trusted-cidrs"], targets: ["node"] },
  // CoreDNS runs on nodes (host ENI) or pods (pod ENI); the control-plane ENIs serve no DNS, so no cluster target.
  { id: "dns", protocols: ["tcp", "udp"], fromPort: 53, toPort: 53, purpose: "CoreDNS", scope: "both", sources: ["self", "node", "cluster", "pods", "sensitive-node", "sensitive-pods"], targets: ["node", "pods"] },
  { id: "intra", protocols: ["all"], fromPort: -1, toPort: -1, purpose: "node-to-node traffic within one security group", scope: "both", sources: ["self"], targets: ["node", "sensitive-node", "cluster", "control-plane"] },
  { id: "vpc-endpoint", protocols: ["tcp"], fromPort: 443, toPort: 443, purpose: "AWS API interface endpoints (private-only networking)", scope: "both", sources: ["vpc-cidr"], targets: ["endpoint"] },
  // AWS Load Balancer Controller, target type ip: the load balancers' backend SG (role lb) reaches pod ENIs on the
  // declared target ports only (config ingress.targetPorts; one rule per port, never the whole range).
  { id: "lb-targets", protocols: ["tcp"], fromPort: 1, toPort: 65535, purpose: "load balancers to pods on declared target ports (target type ip)", scope: "both", sources: ["lb"], targets: ["pods"], addon: "aws-load-balancer-controller" },
  { id: "pods", protocols: ["all"], fromPort: -1, toPort: -1, purpose: "pod-to-pod traffic on the pod SG, filtered in-cluster by NetworkPolicy; kubelet probes from nodes", scope: "both", sources: ["self", "node"], targets: ["pods"] },
  // The sensitive pool (W6): its pods talk among themselves and get kubelet probes from their own nodes only. Towards
  // the general pools they reach nothing but CoreDNS (row dns) and the API (row api); metrics-server and the control
  // plane reach their kubelets (rows kubelet-pods, kubelet). No row lets the general node or pod SGs into them.
  { id: "sensitive-pods", protocols: ["all"], fromPort: -1, toPort: -1, purpose: "sensitive pod-to-pod traffic on the sensitive pod SG, filtered by NetworkPolicy; kubelet probes from sensitive nodes", scope: "both", sources: ["self", "sensitive-node"], targets: ["sensitive-pods"] },
];

/** TCP ports that must never be opened on a managed (EKS) control plane: etcd, 6443, scheduler, controller-manager. */
export const SELF_MANAGED_ONLY_PORTS: readonly { readonly fromPort: number; readonly toPort: number; readonly what: string }[] = [
  { fromPort: 2379, toPort: 2380, what: "etcd" },
  { fromPort: 6443, toPort: 6443, what: "kube-apiserver (self-managed)" },
  { fromPort: 10257, toPort: 10257, what: "kube-controller-manager" },
  { fromPort: 10259, toPort: 10259, what: "kube-scheduler" },
];

/** Port the VPC interface endpoints listen on (HTTPS), opened from the VPC CIDR only. */
export const VPC_ENDPOINT_PORT = 443;

/** Rows in scope for a control plane. */
export function rowsFor(controlPlane: "eks" | "self-managed"): PortRow[] {
  return PORT_TABLE.filter((r) => r.scope === "both" || r.scope === controlPlane);
}

/** Sources any row lets reach the kubelet (TCP 10250) on a node or control-plane SG: what SG-006 accepts. */
export function kubeletSources(): PortSource[] {
  // The kubelet listens on nodes: rows towards pods (e.g. lb-targets' envelope) do not make their sources kubelet clients.
  const rows = PORT_TABLE.filter((r) => r.protocols.includes("tcp") && r.fromPort <= 10250 && r.toPort >= 10250 && r.targets.some((t) => t === "node" || t === "sensitive-node"));
  return [...new Set(rows.flatMap((r) => r.sources))];
}

/** Id of the row whose port range is an envelope, narrowed to the declared ingress target ports (PackConfig.lbTargetPorts). */
export const LB_TARGETS_ROW_ID = "lb-targets";

/** Look a row up by id; throws for an unknown id (a programming error). */
export function portRow(id: string): PortRow {
  const row = PORT_TABLE.find((r) => r.id === id);
  if (!row) throw new Error(`unknown port-table row ${id}`);
  return row;
}

/** Normalise a protocol as AWS accepts it (`tcp`/`6`, `udp`/`17`, `icmp`/`1`, `-1`/`all`). */
export function normaliseProtocol(protocol: unknown): PortProtocol | undefined {
  const p = String(protocol).toLowerCase();
  if (p === "tcp" || p === "6") return "tcp";
  if (p === "udp" || p === "17") return "udp";
  if (p === "icmp" || p === "1") return "icmp";
  if (p === "-1" || p === "all") return "all";
  return undefined;
}
