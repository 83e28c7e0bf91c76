/**
 * Boundary and branch cases found by mutation testing (Stryker) for SG-001..SG-008: each row pins a verdict
 * or message users rely on (which port-table row SG-001 names for all-traffic ingress, the single-port and
 * non-TCP/UDP scope of SG-004's "wider than a row" check, TCP-only kubelet, how SG-003 spells a single port,
 * the standalone rules SG-008 lists) that the catalog tables did not yet exercise.
 */
import { LABELS } from "../../../policy-pack/baseline/labels";
import type { PackConfig } from "../../../policy-pack/core/config";
import type { StackResource } from "../../../policy-pack/core/rule";
import { resource, violationsOf } from "../../support/rules";

import { SG, SGR, VIR, fromSg, inline, tcp, udp, vir } from "../aws/sg-fixtures";

interface Row {
  readonly title: string;
  readonly rule: string;
  readonly target: StackResource | StackResource[];
  readonly config?: Partial<PackConfig>;
  /** `null` = no finding; otherwise exactly `count` findings of the rule's level, one of them containing every string. */
  readonly expect: null | { readonly level: "mandatory" | "advisory"; readonly says: readonly string[]; readonly never?: readonly string[]; readonly count: number };
}

const mandatory = (count: number, says: string[], never: string[] = []) => ({ level: "mandatory" as const, says, never, count });
const advisory = (count: number, says: string[]) => ({ level: "advisory" as const, says, count });

function run(rows: readonly Row[]): void {
  it.each(rows.map((r) => [r.title, r] as const))("%s", (_t, row) => {
    const vs = violationsOf(row.rule, row.target, row.config);
    if (row.expect === null) {
      expect(vs).toEqual([]);
      return;
    }
    const want = row.expect;
    expect(vs).toHaveLength(want.count);
    for (const v of vs) {
      expect(v.rule).toBe(row.rule);
      expect(v.level).toBe(want.level);
    }
    const hit = vs.find((v) => want.says.every((s) => v.message.includes(s)));
    if (!hit) throw new Error(`no ${row.rule} finding says ${JSON.stringify(want.says)}; got ${JSON.stringify(vs.map((v) => v.message))}`);
    for (const s of want.never ?? []) expect(hit.message).not.toContain(s);
  });
}

const hcNodePorts: Partial<PackConfig> = {
  extraPorts: [{ name: "lb-health", protocol: "tcp", fromPort: 30000, toPort: 30100, justification: "healthCheckNodePort range probed by the NLB from in-cluster SGs" }],
};

describe("SG-001 which port-table row the message names", () => {
  run([
    {
      title: "SG-001 ✘ all traffic from a CIDR on a node SG names the intra row and its only source (self)",
      rule: "SG-001",
      target: inline("node", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }),
      expect: mandatory(1, ["ingress[0].cidrBlocks[0] = 10.0.0.0/8", "row intra permits only self"], ["not a port-table row"]),
    },
    {
      title: "SG-001 ✘ all traffic from a CIDR on an untagged SG names the intra row (the only row infrastructure SGs get)",
      rule: "SG-001",
      target: inline(undefined, { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/8"] }),
      expect: mandatory(1, ["without a hardened-cluster.io/sg-role tag (infrastructure", "row intra permits only self"], ["not a port-table row"]),
    },
    {
      title: "SG-001 ✘ all traffic from a peer SG on an untagged SG (inline) names the intra row",
      rule: "SG-001",
      target: inline(undefined, { protocol: "-1", fromPort: 0, toPort: 0, securityGroups: ["sg-peer"] }),
      expect: mandatory(1, ["securityGroups[0] = sg-peer", "row intra permits only self"]),
    },
    {
      title: "SG-001 ✘ ICMP on a node SG is not a row (intra does not cover a specific protocol)",
      rule: "SG-001",
      target: vir("node", { ipProtocol: "icmp", fromPort: 3, toPort: 4, cidrIpv4: "10.0.0.0/16" }),
      expect: mandatory(1, ["is not a port-table row"], ["row intra"]),
    },
    {
      title: "SG-001 ✘ a port inside two rows (nodeport and an extra row) names both rows and the union of their sources",
      rule: "SG-001",
      target: vir("node", { ...tcp(30080), cidrIpv4: "10.0.0.0/16" }),
      config: hcNodePorts,
      expect: mandatory(1, ["row nodeport/extra:lb-health permits only lb, trusted-sgs, trusted-cidrs, self, node, cluster"], ["intra"]),
    },
    {
      title: "SG-001 ✘ lb SG off-listener port names every configured listener port",
      rule: "SG-001",
      target: vir("lb", { ...tcp(80), cidrIpv4: "203.0.113.0/25" }),
      config: { trustedCidrs: ["203.0.113.0/24"], lbListenerPorts: [443, 8443] },
      expect: mandatory(1, ["tcp 80 from cidrIpv4 = 203.0.113.0/25", "accept only TCP 443/8443 (config lbListenerPorts)"]),
    },
    {
      title: "SG-001 ✔ lb SG second listener port from a trusted CIDR",
      rule: "SG-001",
      target: vir("lb", { ...tcp(8443), cidrIpv4: "203.0.113.0/25" }),
      config: { trustedCidrs: ["203.0.113.0/24"], lbListenerPorts: [443, 8443] },
      expect: null,
    },
  ]);
});

describe("SG-002 only CIDR sources can be the world", () => {
  run([
    { title: "SG-002 ✔ prefix list source on a node SG", rule: "SG-002", target: inline("node", { protocol: "tcp", fromPort: 443, toPort: 443, prefixListIds: ["pl-0123"] }), expect: null },
    { title: "SG-002 ✘ world on an untagged SG says lb-only", rule: "SG-002", target: inline(undefined, { protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: ["0.0.0.0/0"] }), expect: mandatory(1, ["cidrBlocks[0] = 0.0.0.0/0 opens tcp 22", "allowed only on lb SGs"]) },
  ]);
});

describe("SG-003 how the closed port is named", () => {
  run([
    {
      title: "SG-003 ✘ EKS: 6443 is named as a single port, not a range",
      rule: "SG-003",
      target: vir("node", { ...tcp(6443), ...fromSg() }, "node"),
      expect: mandatory(1, ["reaches kube-apiserver (self-managed) port 6443, which does not exist on EKS"], ["6443-6443"]),
    },
    {
      title: "SG-003 ✘ EKS: etcd is named as its range",
      rule: "SG-003",
      target: vir("node", { ...tcp(2380), ...fromSg() }, "node"),
      expect: mandatory(1, ["reaches etcd port 2379-2380, which does not exist on EKS"]),
    },
    {
      title: "SG-003 ✘ EKS: a range over scheduler and controller-manager names each single port",
      rule: "SG-003",
      target: vir("node", { ...tcp(10255, 10260), ...fromSg() }, "node"),
      expect: mandatory(2, ["kube-scheduler port 10259,"], ["10259-10259"]),
    },
    {
      title: "SG-003 ✘ self-managed: scheduler from the node SG names 10259",
      rule: "SG-003",
      target: vir("control-plane", { ...tcp(10259), ...fromSg() }, "node"),
      config: { controlPlane: "self-managed" },
      expect: mandatory(1, ["reaches kube-scheduler port 10259; only the control-plane SG itself"], ["10259-10259"]),
    },
  ]);
  it("SG-003 the fix names the single port to exclude", () => {
    const [v] = violationsOf("SG-003", vir("node", { ...tcp(6443), ...fromSg() }, "node"));
    expect(v.remediation).toContain("so it excludes 6443.");
  });
});

describe("SG-004 ranges: only multi-port TCP/UDP ranges are judged", () => {
  run([
    { title: "SG-004 ✔ single undocumented TCP port (SG-001's finding, not a range)", rule: "SG-004", target: vir("node", { ...tcp(8080), ...fromSg() }, "node"), expect: null },
    { title: "SG-004 ✔ single undocumented UDP port from a CIDR", rule: "SG-004", target: inline(undefined, { protocol: "udp", fromPort: 4789, toPort: 4789, cidrBlocks: ["10.0.0.0/16"] }), expect: null },
    { title: "SG-004 ✔ ICMP type 3 code 4 (fromPort ≠ toPort is type/code, not a port range)", rule: "SG-004", target: vir("node", { ipProtocol: "icmp", fromPort: 3, toPort: 4, cidrIpv4: "10.0.0.0/16" }), expect: null },
    { title: "SG-004 ✔ ESP (protocol 50) without ports", rule: "SG-004", target: inline(undefined, { protocol: "50", cidrBlocks: ["10.0.0.0/16"] }), expect: null },
    {
      title: "SG-004 ✘ UDP 0-65535 from a CIDR",
      rule: "SG-004",
      target: vir("node", { ...udp(0, 65535), cidrIpv4: "10.0.0.0/16" }),
      expect: mandatory(1, ["udp 0-65535 (fromPort/toPort) from cidrIpv4 = 10.0.0.0/16 is wider than any port-table row"]),
    },
    {
      title: "SG-004 ✘ protocol \"17\" range just past the NodePort row",
      rule: "SG-004",
      target: inline("node", { protocol: "17", fromPort: 30000, toPort: 32768, cidrBlocks: ["203.0.113.0/24"] }),
      config: { trustedCidrs: ["203.0.113.0/24"] },
      expect: mandatory(1, ["udp 30000-32768 (ingress[0].fromPort/ingress[0].toPort)"]),
    },
    { title: "SG-004 ✔ UDP NodePort range exactly the row", rule: "SG-004", target: vir("node", { ...udp(30000, 32767), ...fromSg() }, "lb"), expect: null },
    { title: "SG-004 ✘ TCP two-port range outside every row", rule: "SG-004", target: vir("node", { ...tcp(8080, 8081), ...fromSg() }, "node"), expect: mandatory(1, ["tcp 8080-8081"]) },
  ]);
});

describe("SG-005 / SG-006 which sources and protocols are in scope", () => {
  run([
    { title: "SG-005 ✘ DNS from a prefix list", rule: "SG-005", target: inline("node", { protocol: "udp", fromPort: 53, toPort: 53, prefixListIds: ["pl-0123"] }), expect: mandatory(1, ["DNS (53) from ingress[0].prefixListIds[0] = pl-0123"]) },
    { title: "SG-005 ✔ DNS from the cluster SG", rule: "SG-005", target: vir("node", { ...udp(53), ...fromSg("sg-cluster") }, "cluster"), expect: null },
    { title: "SG-005 ✔ DNS on the pod SG from the pod SG", rule: "SG-005", target: vir("cluster", { ...tcp(53), ...fromSg("sg-pods") }, "pods"), expect: null },
    { title: "SG-005 ✘ DNS from an SG of unknown role explains the tag", rule: "SG-005", target: inline(undefined, { protocol: "udp", fromPort: 53, toPort: 53, securityGroups: ["sg-123"] }), expect: mandatory(1, ["securityGroups[0] = sg-123", LABELS.sourceRole]) },
    { title: "SG-006 ✔ UDP 10250 is not the kubelet API (TCP only)", rule: "SG-006", target: vir("node", { ...udp(10250), cidrIpv4: "10.0.0.0/16" }), expect: null },
    { title: "SG-006 ✔ UDP range spanning 10250 from a CIDR", rule: "SG-006", target: inline(undefined, { protocol: "17", fromPort: 10000, toPort: 11000, cidrBlocks: ["10.0.0.0/16"] }), expect: null },
    { title: "SG-006 ✘ same CIDR on TCP 10250", rule: "SG-006", target: vir("node", { ...tcp(10250), cidrIpv4: "10.0.0.0/16" }), expect: mandatory(1, ["reaches the kubelet (10250) from cidrIpv4 = 10.0.0.0/16"]) },
    { title: "SG-006 ✘ kubelet from a prefix list", rule: "SG-006", target: inline("node", { protocol: "tcp", fromPort: 10250, toPort: 10250, prefixListIds: ["pl-0123"] }), expect: mandatory(1, ["ingress[0].prefixListIds[0] = pl-0123"]) },
    { title: "SG-006 ✘ all traffic from a CIDR reaches the kubelet", rule: "SG-006", target: inline("node", { protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["10.0.0.0/16"] }), expect: mandatory(1, ["all traffic (ingress[0].protocol = \"-1\") reaches the kubelet"]) },
  ]);
});

describe("SG-008 inline vs standalone: which rules are listed", () => {
  const group = resource(SG, "grp", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "node" }, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] });
  const second = resource(SG, "grp2", { vpcId: "vpc-1", tags: { [LABELS.sgRole]: "cluster" }, ingress: [{ protocol: "-1", fromPort: 0, toPort: 0, self: true }] });
  const on = (...sgs: StackResource[]) => ({ propertyDependencies: { securityGroupId: sgs.map((s) => s.urn) } });
  const kubelet = resource(VIR, "kubelet", { ipProtocol: "tcp", fromPort: 10250, toPort: 10250 }, on(group));
  const dns = resource(SGR, "dns", { type: "ingress", protocol: "udp", fromPort: 53, toPort: 53, self: true }, on(group));
  const egress = resource(SGR, "out", { type: "egress", protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }, on(group));
  run([
    { title: "SG-008 ✘ lists exactly the standalone ingress rules of each form, in stack order", rule: "SG-008", target: [group, kubelet, egress, dns], expect: advisory(1, ["security group grp has inline ingress and is also the securityGroupId of standalone rule(s) kubelet, dns;"]) },
    { title: "SG-008 ✘ a single standalone rule is listed alone", rule: "SG-008", target: [group, kubelet], expect: advisory(1, ["standalone rule(s) kubelet;"]) },
  ]);
  it("SG-008 each group gets its own finding, listing only the rules that target it", () => {
    const onSecond = resource(VIR, "api", { ipProtocol: "tcp", fromPort: 443, toPort: 443 }, on(second));
    const vs = violationsOf("SG-008", [group, second, kubelet, onSecond]);
    expect(vs.map((v) => [v.urn, v.level])).toEqual([
      [group.urn, "advisory"],
      [second.urn, "advisory"],
    ]);
    expect(vs[0].message).toContain("standalone rule(s) kubelet;");
    expect(vs[1].message).toContain("standalone rule(s) api;");
  });
});
