/**
 * Branch cases found by mutation testing (Stryker, group `core-sg`) for restricted egress (core/egress.ts,
 * SG-010): which port-table row documents egress from a workload SG to itself, to an SG of its own or another
 * role, to the EKS cluster SG, to a prefix list, to private CIDRs and to the world (NAT), and the config
 * extraEgress allowances at their port and CIDR edges. Each permit names the row or config entry.
 */
import type { SecurityGroupRole } from "../../../policy-pack/baseline/labels";
import { resolveConfig, type PackConfig } from "../../../policy-pack/core/config";
import { egressPermit, egressRestricted } from "../../../policy-pack/core/egress";
import type { IngressRule, IngressSource } from "../../../policy-pack/core/security-groups";

const rule = (protocol: IngressRule["protocol"], fromPort: number, toPort = fromPort): IngressRule => ({
  protocol,
  rawProtocol: protocol ?? "50",
  fromPort,
  toPort,
  sources: [],
  protocolField: "protocol",
  at: "",
});
const self: IngressSource = { kind: "self", field: "self" };
const sg = (role?: SecurityGroupRole): IngressSource => ({ kind: "sg", role, field: "securityGroups[0]" });
const cidr = (c: string): IngressSource => ({ kind: "cidr", cidr: c, field: "cidrBlocks[0]" });
const prefixList: IngressSource = { kind: "prefixList", id: "pl-1", field: "prefixListIds[0]" };
const config = (c: Partial<PackConfig> = {}) => resolveConfig(c);
const by = (p: { by: string } | undefined) => p?.by;

describe("egressPermit: security groups", () => {
  it("documents egress to its own group by a row with source self that targets the role", () => {
    expect(by(egressPermit(rule("tcp", 10250), self, "node", config()))).toBe("row kubelet (self)");
    expect(by(egressPermit(rule("tcp", 53), self, "pods", config()))).toBe("row dns (self)");
    // Any port within the pod SG (row pods); a protocol no row covers (ESP, 50) is undocumented.
    expect(egressPermit(rule("tcp", 10259), self, "pods", config())).toEqual({ by: "row pods (self)" });
    expect(egressPermit(rule("tcp", 10259), self, "node", config())).toEqual({ by: "row intra (self)" });
    expect(egressPermit(rule(undefined, 0, 65535), self, "node", config())).toBeUndefined();
  });

  it("documents egress to another SG of the same role like egress to itself", () => {
    expect(by(egressPermit(rule("tcp", 10250), sg("node"), "node", config()))).toBe("row kubelet (same role)");
    expect(egressPermit(rule("tcp", 443), sg("pods"), "sensitive-pods", config())).toBeUndefined();
  });

  it("documents egress to an SG of another role by a row that targets it and lists the role as a source", () => {
    expect(by(egressPermit(rule("tcp", 443), sg("cluster"), "node", config()))).toBe("row api to cluster");
    expect(by(egressPermit(rule("tcp", 53), sg("node"), "pods", config()))).toBe("row dns to node");
    expect(egressPermit(rule("tcp", 22), sg("node"), "pods", config())).toBeUndefined();
    expect(egressPermit(rule("tcp", 443), sg(undefined), "node", config())).toBeUndefined();
  });

  it("adds the kubelet port to the EKS cluster SG (EKS minimum node egress), and nothing else to it", () => {
    expect(by(egressPermit(rule("tcp", 10250), sg("cluster"), "node", config()))).toBe("row kubelet to the EKS cluster SG (EKS minimum node egress)");
    expect(egressPermit(rule("tcp", 10250), sg("endpoint"), "node", config())).toBeUndefined();
    expect(egressPermit(rule("tcp", 10251), sg("cluster"), "node", config())).toBeUndefined();
  });
});

describe("egressPermit: prefix lists, CIDRs and the world", () => {
  it("allows HTTPS only to a prefix list", () => {
    expect(by(egressPermit(rule("tcp", 443), prefixList, "node", config()))).toBe("HTTPS to an AWS service prefix list (gateway endpoint)");
    expect(egressPermit(rule("udp", 443), prefixList, "node", config())).toBeUndefined();
    expect(egressPermit(rule("tcp", 80), prefixList, "node", config())).toBeUndefined();
    expect(egressPermit(rule("tcp", 443, 444), prefixList, "node", config())).toBeUndefined();
    expect(egressPermit(rule("tcp", 442, 443), prefixList, "node", config())).toBeUndefined();
  });

  it("allows HTTPS to the world only with awsApiPath nat", () => {
    expect(egressPermit(rule("tcp", 443), cidr("0.0.0.0/0"), "node", config())).toBeUndefined();
    expect(by(egressPermit(rule("tcp", 443), cidr("0.0.0.0/0"), "node", config({ awsApiPath: "nat" })))).toBe("HTTPS through the NAT gateway (config awsApiPath nat)");
    expect(egressPermit(rule("tcp", 80), cidr("0.0.0.0/0"), "node", config({ awsApiPath: "nat" }))).toBeUndefined();
  });

  it("allows private CIDRs by a single-protocol row that lists the role or vpc-cidr, never public ones", () => {
    expect(by(egressPermit(rule("tcp", 443), cidr("10.0.0.0/16"), "node", config()))).toBe("row api inside the VPC");
    expect(egressPermit(rule("tcp", 443), cidr("8.8.8.0/24"), "node", config())).toBeUndefined();
    expect(egressPermit(rule("tcp", 443), cidr("not-a-cidr"), "node", config())).toBeUndefined();
    // Only all-protocol rows (intra, pods) list pods among the sources of port 22: not documented.
    expect(egressPermit(rule("tcp", 22), cidr("10.0.0.0/16"), "pods", config())).toBeUndefined();
  });

  it("allows config extraEgress entries within their protocol, ports and CIDR only", () => {
    const extraEgress = [{ name: "ldap", protocol: "tcp" as const, fromPort: 636, toPort: 637, cidr: "192.0.2.0/24", justification: "Directory for the payments tenant" }];
    const c = config({ extraEgress } as Partial<PackConfig>);
    expect(by(egressPermit(rule("tcp", 636, 637), cidr("192.0.2.0/25"), "pods", c))).toBe("config extraEgress ldap");
    expect(egressPermit(rule("udp", 636), cidr("192.0.2.0/25"), "pods", c)).toBeUndefined();
    expect(egressPermit(rule("tcp", 635, 636), cidr("192.0.2.0/25"), "pods", c)).toBeUndefined();
    expect(egressPermit(rule("tcp", 637, 638), cidr("192.0.2.0/25"), "pods", c)).toBeUndefined();
    expect(egressPermit(rule("tcp", 636), cidr("192.0.3.0/24"), "pods", c)).toBeUndefined();
    expect(egressPermit(rule("tcp", 636), cidr("garbage"), "pods", c)).toBeUndefined();
  });
});

describe("egressRestricted", () => {
  it("restricts the workload roles only", () => {
    expect(["node", "pods", "sensitive-node", "sensitive-pods"].every((r) => egressRestricted(r as "node"))).toBe(true);
    expect(egressRestricted("cluster")).toBe(false);
    expect(egressRestricted("endpoint")).toBe(false);
  });
});
