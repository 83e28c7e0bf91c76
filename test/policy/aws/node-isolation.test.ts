import type { StackResource } from "../../../policy-pack/core/rule";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { resource } from "../../support/rules";
import { mandatory, runCases, type RuleCase } from "./cases";

// Issue 20 part 6 (audit W6): NODE-009 (the sensitive pool's node role is its own) and NODE-010 (its node SG and its
// pods' SG are their own).

const ROLE = "aws:iam/role:Role";
const SG = "aws:ec2/securityGroup:SecurityGroup";
const LT = "aws:ec2/launchTemplate:LaunchTemplate";
const NG = "aws:eks/nodeGroup:NodeGroup";
const ENICONFIG = "kubernetes:crd.k8s.amazonaws.com/v1alpha1:ENIConfig";
const SGP = "kubernetes:vpcresources.k8s.aws/v1beta1:SecurityGroupPolicy";
const NS = "kubernetes:core/v1:Namespace";

const role = (name: string) => resource(ROLE, name, { name, arn: `arn:aws:iam::123456789012:role/${name}` });
const sg = (name: string) => resource(SG, name, { id: `sg-${name}` });
const template = (name: string, groups: StackResource[]) =>
  resource(LT, name, { vpcSecurityGroupIds: groups.map((g) => g.props.id) }, { propertyDependencies: { vpcSecurityGroupIds: groups.map((g) => g.urn) } });
const group = (name: string, pool: string, r: StackResource, lt: StackResource) =>
  resource(
    NG,
    name,
    { nodeRoleArn: r.props.arn, labels: { [LABELS.pool]: pool }, launchTemplate: { id: `lt-${name}`, version: "1" } },
    { dependencies: [r.urn, lt.urn], propertyDependencies: { nodeRoleArn: [r.urn], launchTemplate: [lt.urn] } },
  );

/** The platform's layout: system and general share role and node SG; sensitive has its own of each. */
function pools(opts: { sensitiveRole?: "own" | "shared"; sensitiveSg?: "own" | "shared" | "both" } = {}): StackResource[] {
  const general = role("hc-node");
  const sensitive = opts.sensitiveRole === "shared" ? general : role("hc-sensitive-node");
  const node = sg("node");
  const sensitiveNode = sg("sensitive-node");
  const sgs = { own: [sensitiveNode], shared: [node], both: [sensitiveNode, node] }[opts.sensitiveSg ?? "own"];
  const ltGeneral = template("lt-general", [node]);
  const ltSystem = template("lt-system", [node]);
  const ltSensitive = template("lt-sensitive", sgs);
  const roles = sensitive === general ? [general] : [general, sensitive];
  return [...roles, node, sensitiveNode, ltGeneral, ltSystem, ltSensitive, group("system", "system", general, ltSystem), group("general", "general", general, ltGeneral), group("sensitive", "sensitive", sensitive, ltSensitive)];
}

/** ENIConfigs with the shared pod SG, a sensitive and a standard tenant namespace, and one SecurityGroupPolicy. */
function podSecurity(policyNamespace: string, policySg: "sensitive-pods" | "pods" | "none"): StackResource[] {
  const pods = sg("pods");
  const sensitivePods = sg("sensitive-pods");
  const eni = resource(ENICONFIG, "eu-west-1a", { metadata: { name: "eu-west-1a" }, spec: { subnet: "subnet-a", securityGroups: [pods.props.id] } }, { propertyDependencies: { spec: [pods.urn] } });
  const ns = (name: string, tier: string) => resource(NS, name, { metadata: { name, labels: { [LABELS.tenant]: name, [LABELS.tier]: tier } } });
  const target = { "sensitive-pods": [sensitivePods], pods: [pods], none: [] }[policySg];
  const policy = resource(
    SGP,
    `${policyNamespace}-sgp`,
    { metadata: { name: "sensitive-pod-sg", namespace: policyNamespace }, spec: { podSelector: {}, securityGroups: { groupIds: target.map((g) => g.props.id) } } },
    { propertyDependencies: { spec: target.map((g) => g.urn) } },
  );
  return [pods, sensitivePods, eni, ns("payments", "sensitive"), ns("storefront", "standard"), policy];
}

const cases: RuleCase[] = [
  { title: "NODE-009 compliant: the sensitive pool has its own node role", rule: "NODE-009", target: pools(), expect: null },
  { title: "NODE-009 violating: the sensitive pool uses the general pools' role", rule: "NODE-009", target: pools({ sensitiveRole: "shared" }), expect: mandatory("shares its node role", 2) },
  {
    title: "NODE-009 violating: literal ARNs (role outside the stack) shared with another pool",
    rule: "NODE-009",
    target: [
      resource(NG, "general", { nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", labels: { [LABELS.pool]: "general" } }),
      resource(NG, "sensitive", { nodeRoleArn: "arn:aws:iam::123456789012:role/nodes", labels: { [LABELS.pool]: "sensitive" } }),
    ],
    expect: mandatory("arn:aws:iam::123456789012:role/nodes", 1),
  },
  { title: "NODE-010 compliant: the sensitive launch template carries only the sensitive node SG", rule: "NODE-010", target: pools(), expect: null },
  { title: "NODE-010 violating: the sensitive launch template carries the general node SG", rule: "NODE-010", target: pools({ sensitiveSg: "shared" }), expect: mandatory("shares node security group", 2) },
  { title: "NODE-010 violating: the general node SG next to the sensitive one", rule: "NODE-010", target: pools({ sensitiveSg: "both" }), expect: mandatory("SecurityGroup node", 2) },
  { title: "NODE-010 compliant: a sensitive namespace's SecurityGroupPolicy names the sensitive pod SG", rule: "NODE-010", target: podSecurity("payments", "sensitive-pods"), expect: null },
  { title: "NODE-010 violating: a sensitive namespace's SecurityGroupPolicy names the ENIConfigs' pod SG", rule: "NODE-010", target: podSecurity("payments", "pods"), expect: mandatory("sensitive namespace payments", 1) },
  { title: "NODE-010 violating: a sensitive namespace's SecurityGroupPolicy names no SG", rule: "NODE-010", target: podSecurity("payments", "none"), expect: mandatory("names no security group", 1) },
  { title: "NODE-010 compliant: a standard namespace may put its pods on the shared pod SG", rule: "NODE-010", target: podSecurity("storefront", "pods"), expect: null },
];

describe("NODE-009 / NODE-010: the sensitive pool's identity and security groups are its own", () => {
  runCases(cases);

});
