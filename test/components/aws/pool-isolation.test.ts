import { planEgress, planIngress, POOL_NETWORK_CLASSES, type PlannedRule } from "../../../components/firewall";
import { NODE_ROLE_POLICIES } from "../../../components/cluster/iam";
import { SECURITY_GROUP_POLICY } from "../../../components/node-pool";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { PORT_TABLE } from "../../../policy-pack/baseline/ports";
import { ConfigError, parsePlatformConfig } from "../../../infra/config";
import { loadStackConfig, ofType, runPlatform } from "../../infra/stack-config";
import { judge, stackRun, tagsOf } from "../../infra/fixtures";

// Issue 20 part 6 (audit W6): the sensitive pool has its own node role, node SG and pod SG, and exchanges with the
// general pools only what the port table documents.

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const NG = "aws:eks/nodeGroup:NodeGroup";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const ROLE = "aws:iam/role:Role";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const ADDON = "aws:eks/addon:Addon";
const SGP = `kubernetes:${SECURITY_GROUP_POLICY.apiVersion}:${SECURITY_GROUP_POLICY.kind}`;

const SENSITIVE = new Set(["sensitive-node", "sensitive-pods"]);
const GENERAL = new Set(["node", "pods"]);
const metrics = [{ name: "metrics-server", protocol: "tcp" as const, port: 10251, justification: "The API server calls metrics-server for metrics" }];

/** `target<-peer row/protocol` of the planned rules that cross between the sensitive and the general SGs. */
function crossing(rules: readonly PlannedRule[]): string[] {
  return rules
    .filter((r) => r.peer.kind === "sg" && ((SENSITIVE.has(r.target) && GENERAL.has(r.peer.role)) || (GENERAL.has(r.target) && SENSITIVE.has(r.peer.role))))
    .map((r) => `${r.target}<-${r.peer.kind === "sg" ? r.peer.role : ""} ${r.row}/${r.protocol}`)
    .sort();
}

describe("firewall plan: the sensitive pool's SGs (plan level)", () => {
  test("ingress between sensitive and general SGs is exactly CoreDNS from the sensitive pool, plus metrics-server to its kubelets when declared", () => {
    const without = planIngress({ apiCidrs: [], trustedSecurityGroupIds: [], addonPorts: [] });
    const dns = ["node", "pods"].flatMap((t) => ["sensitive-node", "sensitive-pods"].flatMap((s) => ["tcp", "udp"].map((p) => `${t}<-${s} dns/${p}`)));
    expect(crossing(without)).toEqual(dns.sort());
    const withMetrics = planIngress({ apiCidrs: [], trustedSecurityGroupIds: [], addonPorts: metrics });
    expect(crossing(withMetrics)).toEqual([...dns, "sensitive-node<-pods kubelet-pods/tcp"].sort());
  });

  test("no general SG reaches a sensitive SG on all traffic, and the sensitive pods accept only themselves and their own nodes", () => {
    const plan = planIngress({ apiCidrs: ["10.200.0.0/16"], trustedSecurityGroupIds: ["sg-team-alb"], addonPorts: metrics });
    const onSensitivePods = plan.filter((r) => r.target === "sensitive-pods").map((r) => `${r.row}/${r.peer.kind === "sg" ? r.peer.role : r.peer.kind}`);
    expect(onSensitivePods.sort()).toEqual(["sensitive-pods/self", "sensitive-pods/sensitive-node"]);
    const onSensitiveNode = plan.filter((r) => r.target === "sensitive-node").map((r) => `${r.row}/${r.peer.kind === "sg" ? r.peer.role : r.peer.kind === "sg-id" ? "trusted-sg" : r.peer.kind}`);
    // Row nodeport targets only the general node SG: a trusted (team LB) SG never reaches the sensitive nodes.
    expect(onSensitiveNode.sort()).toEqual(["intra/self", "kubelet-pods/pods", "kubelet/cluster", "kubelet/self"]);
  });

  test("egress: each pool class probes only its own pods; the sensitive SGs send nothing to the general SGs (DNS goes by CIDR)", () => {
    const egress = planEgress({ vpcCidr: "10.0.0.0/16", podCidr: "100.64.0.0/16", awsApis: { mode: "endpoints" }, addonPorts: metrics, extraEgress: [] });
    for (const c of POOL_NETWORK_CLASSES) {
      const probes = egress.filter((r) => r.target === c.node && r.protocol === "all" && r.peer.kind === "sg").map((r) => (r.peer.kind === "sg" ? r.peer.role : ""));
      expect(probes).toEqual([c.pods]);
    }
    expect(crossing(egress)).toEqual(["pods<-sensitive-node kubelet-pods/tcp"]);
    // Both sensitive SGs still reach the API, DNS, and the AWS APIs through the endpoints.
    for (const role of ["sensitive-node", "sensitive-pods"]) {
      const rows = new Set(egress.filter((r) => r.target === role).map((r) => r.row));
      // sensitive-node: its own SG (intra) and its pods (row sensitive-pods, kubelet probes).
      expect([...rows].sort()).toEqual(["api", "aws-apis", "dns", ...(role === "sensitive-node" ? ["intra", "sensitive-pods"] : ["sensitive-pods"])].sort());
    }
  });

  test("every row that names a sensitive role is data in the port table (no special case in the plan)", () => {
    const rows = PORT_TABLE.filter((r) => [...r.sources, ...r.targets].some((x) => SENSITIVE.has(x))).map((r) => r.id);
    expect(rows.sort()).toEqual(["api", "dns", "intra", "kubelet", "kubelet-pods", "sensitive-pods"]);
  });
});

describe.each(["dev", "staging", "prod"] as const)("the sensitive pool in the %s stack", (stack) => {
  test("its node group has its own role, with exactly the node policies, and the general pools share the other", async () => {
    const { resources } = await stackRun(stack);
    const groups = ofType(resources, NG);
    const roleOf = (pool: string) => groups.find((g) => g.inputs.labels?.[LABELS.pool] === pool)!.inputs.nodeRoleArn;
    expect(roleOf("system")).toBe(roleOf("general"));
    expect(roleOf("sensitive")).not.toBe(roleOf("general"));
    const role = ofType(resources, ROLE).find((r) => r.outputs.arn === roleOf("sensitive"))!;
    expect(role.inputs.name).toMatch(/-sensitive-node$/);
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: "ec2.amazonaws.com" });
    const policies = ofType(resources, ATTACH).filter((a) => a.inputs.role === role.outputs.name).map((a) => a.inputs.policyArn);
    expect(policies.sort()).toEqual([...NODE_ROLE_POLICIES].sort());
  });

  test("its launch template carries only the sensitive-node SG; the others only the node SG", async () => {
    const { resources } = await stackRun(stack);
    const roleById = new Map(ofType(resources, SG).map((r) => [r.outputs.id, tagsOf(r)[LABELS.sgRole]]));
    const templates = ofType(resources, LT);
    for (const g of ofType(resources, NG)) {
      const lt = templates.find((t) => t.outputs.id === g.inputs.launchTemplate.id)!;
      const expected = g.inputs.labels[LABELS.pool] === "sensitive" ? ["sensitive-node"] : ["node"];
      expect(lt.inputs.vpcSecurityGroupIds.map((id: string) => roleById.get(id))).toEqual(expected);
    }
  });

  test("every recorded SG rule between the sensitive and general SGs is one the port table documents (row tag, both roles listed)", async () => {
    const { resources } = await stackRun(stack);
    const roleById = new Map(ofType(resources, SG).map((r) => [r.outputs.id, tagsOf(r)[LABELS.sgRole]]));
    const cross = [...ofType(resources, INGRESS), ...ofType(resources, EGRESS)].filter((r) => {
      const [a, b] = [roleById.get(r.inputs.securityGroupId), roleById.get(r.inputs.referencedSecurityGroupId)];
      return b !== undefined && ((SENSITIVE.has(a!) && GENERAL.has(b)) || (GENERAL.has(a!) && SENSITIVE.has(b)));
    });
    expect(cross.length).toBeGreaterThan(0);
    for (const r of cross) {
      const row = PORT_TABLE.find((p) => p.id === tagsOf(r)["hardened-cluster.io/port-row"])!;
      expect(row).toBeDefined();
      const [own, peer] = [roleById.get(r.inputs.securityGroupId)!, roleById.get(r.inputs.referencedSecurityGroupId)!];
      const [target, source] = r.type === INGRESS ? [own, peer] : [peer, own];
      expect(row.targets).toContain(target);
      expect(row.sources).toContain(source);
      expect(r.inputs.ipProtocol).not.toBe("-1");
    }
  });

  test("the VPC CNI runs security groups for pods (ENABLE_POD_ENI, TCP early demux off for kubelet probes)", async () => {
    const { resources } = await stackRun(stack);
    const cni = ofType(resources, ADDON).find((a) => a.inputs.addonName === "vpc-cni")!;
    const values = JSON.parse(cni.inputs.configurationValues);
    expect(values.env.ENABLE_POD_ENI).toBe("true");
    expect(values.init).toEqual({ env: { DISABLE_TCP_EARLY_DEMUX: "true" } });
  });

  test("the pack's pool-isolation rules pass on the recorded stack", async () => {
    const { resources } = await stackRun(stack);
    const { violations } = judge(resources, {});
    expect(violations.filter((v) => v.rule === "NODE-009" || v.rule === "NODE-010")).toEqual([]);
  });
});

describe("sensitive pods get the sensitive pod SG (dev: same stack)", () => {
  test("one SecurityGroupPolicy per sensitive tenant namespace, selecting every pod, naming only the sensitive-pods SG", async () => {
    const { resources } = await stackRun("dev");
    const roleById = new Map(ofType(resources, SG).map((r) => [r.outputs.id, tagsOf(r)[LABELS.sgRole]]));
    const policies = ofType(resources, SGP);
    expect(policies.map((p) => p.inputs.metadata.namespace)).toEqual(["payments-dev"]);
    expect(policies[0].inputs.spec.podSelector).toEqual({});
    expect(policies[0].inputs.spec.securityGroups.groupIds.map((id: string) => roleById.get(id))).toEqual(["sensitive-pods"]);
  });

  test("removing the policy's SG separation is caught by NODE-010 (the dev recording, mutated)", async () => {
    const { resources } = await stackRun("dev");
    const podsSg = ofType(resources, SG).find((r) => tagsOf(r)[LABELS.sgRole] === "pods")!;
    const mutated = resources.map((r) =>
      r.type === SGP
        ? { ...r, inputs: { ...r.inputs, spec: { ...r.inputs.spec, securityGroups: { groupIds: [podsSg.outputs.id] } } }, outputs: { ...r.outputs, spec: { ...r.outputs.spec, securityGroups: { groupIds: [podsSg.outputs.id] } } }, propertyDependencies: { ...r.propertyDependencies, spec: [podsSg.urn] } }
        : r,
    );
    expect(judge(mutated, {}).violations.filter((v) => v.rule === "NODE-010").length).toBe(1);
  });
});

describe("bad config: a sensitive pool type without trunk ENIs", () => {
  test("t3.large in nodePools.sensitive is rejected before any resource, naming the path", async () => {
    const config = loadStackConfig("dev");
    const pools = JSON.parse(config["hardened-cluster:nodePools"]);
    pools.sensitive.instanceTypes = ["m6i.large", "t3.large"];
    config["hardened-cluster:nodePools"] = JSON.stringify(pools);
    expect(() => parsePlatformConfig(config)).toThrow(ConfigError);
    try {
      parsePlatformConfig(config);
    } catch (e) {
      const issue = (e as ConfigError).issues.find((i) => i.key === "hardened-cluster:nodePools.sensitive.instanceTypes[1]");
      expect(issue?.message).toContain("trunk ENI");
      expect(issue?.fix).toContain("m6i.large");
    }
    await expect(runPlatform(config)).rejects.toThrow(ConfigError);
  });

  test("t-family types stay allowed on the general pools", () => {
    const config = loadStackConfig("dev");
    expect(JSON.parse(config["hardened-cluster:nodePools"]).general.instanceTypes[0]).toMatch(/^t3\./);
    expect(() => parsePlatformConfig(config)).not.toThrow();
  });
});
