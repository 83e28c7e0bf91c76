import * as fs from "node:fs";
import * as path from "node:path";
import fc from "fast-check";
import { recordResources } from "../../../engine/record";
import { activeRows, ec2Description, EC2_DESCRIPTION_PATTERN, Firewall, planEgress, planIngress } from "../../../components/firewall";
import { kubeletSources, PORT_TABLE, portRow } from "../../../policy-pack/baseline/ports";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { parsePlatformConfig } from "../../../infra/config";
import { loadStackConfig, ofType } from "../../infra/stack-config";
import { judge, stackRun, tagsOf } from "../../infra/fixtures";

// Issue 15, network part: B1 (descriptions EC2 accepts), R2 (guardduty-data endpoint), R3 (metrics-server to
// kubelets), N3 (no dead LB SG / NodePort rules, no DNS rules on the control plane SG). Each test fails on the
// behaviour before the fix (noted per test).

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";
const EGRESS = "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule";
const VPCE = "aws:ec2/vpcEndpoint:VpcEndpoint";
const SG_TYPES = [SG, INGRESS, EGRESS, "aws:ec2/securityGroupRule:SecurityGroupRule", "aws:ec2/defaultSecurityGroup:DefaultSecurityGroup"];

const roleIndex = (resources: Awaited<ReturnType<typeof stackRun>>["resources"]) => new Map(ofType(resources, SG).map((r) => [r.outputs.id, tagsOf(r)[LABELS.sgRole]]));

describe("B1: every SG and SG-rule description is one EC2 accepts", () => {
  // Old behaviour: staging and prod carried "controller's" (an apostrophe) in 4 rule descriptions.
  test.each(["dev", "staging", "prod"] as const)("%s preview: all descriptions match a-zA-Z0-9, space and ._-:/()#,@[]+=;{}!$* (max 255)", async (stack) => {
    const { resources } = await stackRun(stack);
    const described = resources.filter((r) => SG_TYPES.includes(r.type) && r.inputs.description !== undefined);
    expect(described.length).toBeGreaterThan(20);
    const bad = described.filter((r) => !EC2_DESCRIPTION_PATTERN.test(String(r.inputs.description))).map((r) => `${r.name}: ${r.inputs.description}`);
    expect(bad).toEqual([]);
  });

  test("free text is sanitised, not rejected: apostrophes dropped, & spelled out, accents folded, length capped", () => {
    expect(ec2Description("The API server calls the load-balancer controller's webhook")).toBe("The API server calls the load-balancer controllers webhook");
    expect(ec2Description("DB & cache <primary>\n“replica”")).toBe("DB and cache primary replica");
    expect(ec2Description("Zugriff auf die Datenbank für Zahlungen")).toBe("Zugriff auf die Datenbank fur Zahlungen");
    expect(ec2Description("x".repeat(300))).toHaveLength(255);
  });

  test("any text becomes a valid description, and sanitising is idempotent (property)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 400 }), (text) => {
        const once = ec2Description(text);
        expect(once).toMatch(EC2_DESCRIPTION_PATTERN);
        expect(ec2Description(once)).toBe(once);
      }),
      { numRuns: 300 },
    );
  });

  test("a Firewall given justifications EC2 would reject emits only valid descriptions", async () => {
    const resources = await recordResources(() => {
      new Firewall("t", {
        vpcId: "vpc-1",
        vpcCidr: "10.0.0.0/16",
        podCidr: "100.64.0.0/16",
        awsApis: { mode: "nat" },
        addonPorts: [{ name: "webhook", protocol: "tcp", port: 9443, justification: "The API server calls the team's webhook — admission & defaulting" }],
        extraEgress: [{ name: "db", protocol: "tcp", fromPort: 5432, toPort: 5432, cidr: "10.9.0.0/16", justification: "Orders service → Postgres “primary” (payments)" }],
      });
    });
    const rules = resources.filter((r) => r.type === INGRESS || r.type === EGRESS);
    expect(rules.some((r) => String(r.inputs.description).includes("teams webhook - admission and defaulting"))).toBe(true);
    for (const r of rules) expect(String(r.inputs.description)).toMatch(EC2_DESCRIPTION_PATTERN);
  });
});

describe("R3: metrics-server reaches the kubelets (port-table row kubelet-pods)", () => {
  test("the row exists (pods -> node, TCP 10250, metrics-server) and SG-006 accepts the pod SG as a kubelet source", () => {
    const row = portRow("kubelet-pods");
    expect([row.protocols, row.fromPort, row.toPort, row.sources, row.targets, row.addon]).toEqual([["tcp"], 10250, 10250, ["pods"], ["node", "sensitive-node"], "metrics-server"]);
    expect(kubeletSources().sort()).toEqual(["cluster", "control-plane", "pods", "self"]);
  });

  // Old behaviour: only node-in-kubelet from the cluster SG and self; pods egress 10250 pointed at the cluster SG.
  test("prod (metrics-server enabled): node SG ingress and pod SG egress on 10250 between the two", async () => {
    const { resources } = await stackRun("prod");
    const role = roleIndex(resources);
    const on10250 = (type: string) => ofType(resources, type).filter((r) => r.inputs.fromPort === 10250).map((r) => `${role.get(r.inputs.securityGroupId)}<-${role.get(r.inputs.referencedSecurityGroupId)}`);
    expect(on10250(INGRESS)).toContain("node<-pods");
    expect(on10250(EGRESS)).toContain("pods<-node");
  });

  test("the pack (SG-001, SG-006) accepts prod's recorded pods -> node 10250 rule", async () => {
    const { resources } = await stackRun("prod");
    const rule = ofType(resources, INGRESS).filter((r) => tagsOf(r)["hardened-cluster.io/port-row"] === "kubelet-pods");
    // One per pool class's node SG (W6: the sensitive pool has its own).
    expect(rule.map((r) => tagsOf(r)[LABELS.sgRole]).sort()).toEqual(["node", "sensitive-node"]);
    const { violations } = judge(rule, {});
    expect(violations.filter((v) => v.rule.startsWith("SG-"))).toEqual([]);
  });

  test.each(["dev", "staging", "prod"] as const)("%s: no node/pod egress to the cluster SG on 10250 (nothing listens there)", async (stack) => {
    const { resources } = await stackRun(stack);
    const role = roleIndex(resources);
    const toCluster = ofType(resources, EGRESS).filter((r) => r.inputs.fromPort === 10250 && role.get(r.inputs.referencedSecurityGroupId) === "cluster");
    expect(toCluster.map((r) => r.name)).toEqual([]);
  });

  test("dev (metrics-server declared but disabled): the row stays closed both ways", async () => {
    const { resources } = await stackRun("dev");
    const role = roleIndex(resources);
    const podsKubelet = [...ofType(resources, INGRESS), ...ofType(resources, EGRESS)].filter(
      (r) => r.inputs.fromPort === 10250 && [role.get(r.inputs.securityGroupId), role.get(r.inputs.referencedSecurityGroupId)].includes("pods"),
    );
    expect(podsKubelet).toEqual([]);
  });

  test("add-on rows open only with their add-on (plan level)", () => {
    const metrics = [{ name: "metrics-server", protocol: "tcp" as const, port: 10251, justification: "The API server calls metrics-server for metrics" }];
    expect(activeRows([]).some((r) => r.id === "kubelet-pods")).toBe(false);
    expect(activeRows(metrics).some((r) => r.id === "kubelet-pods")).toBe(true);
    const egress = planEgress({ vpcCidr: "10.0.0.0/16", podCidr: "100.64.0.0/16", awsApis: { mode: "nat" }, addonPorts: metrics, extraEgress: [] });
    expect(egress.filter((r) => r.row === "kubelet-pods").map((r) => [r.target, r.peer])).toEqual([
      ["pods", { kind: "sg", role: "node" }],
      ["pods", { kind: "sg", role: "sensitive-node" }],
    ]);
  });
});

describe("N3: no unattached LB SG, no dead NodePort rules, no DNS rules on the control-plane SG", () => {
  // Old behaviour: an `lb` SG attached to nothing with NodePort egress, NodePort ingress from it, cluster-in-dns-*.
  test.each(["dev", "staging", "prod"] as const)("%s", async (stack) => {
    const { resources } = await stackRun(stack);
    const role = roleIndex(resources);
    const rules = [...ofType(resources, INGRESS), ...ofType(resources, EGRESS)];
    // The only lb SG is the load balancer controller's backend SG (shared ingress, passed to the controller as
    // --backend-security-group), and it carries traffic only to pods on the declared target ports.
    const { ingress } = parsePlatformConfig(loadStackConfig(stack));
    const lbIds = [...role.entries()].filter(([, r]) => r === "lb").map(([id]) => id);
    expect(lbIds).toHaveLength(ingress.enabled ? 1 : 0);
    const lbRules = rules.filter((r) => lbIds.includes(r.inputs.securityGroupId) || lbIds.includes(r.inputs.referencedSecurityGroupId));
    expect(lbRules.map((r) => `${role.get(r.inputs.securityGroupId)}:${r.inputs.fromPort}-${r.inputs.toPort}`).sort()).toEqual(
      ingress.enabled ? ingress.targetPorts.flatMap((p) => [`lb:${p}-${p}`, `pods:${p}-${p}`]).sort() : [],
    );
    expect(rules.filter((r) => r.inputs.fromPort === 30000).map((r) => r.name)).toEqual([]);
    expect(ofType(resources, INGRESS).filter((r) => r.inputs.fromPort === 53 && role.get(r.inputs.securityGroupId) === "cluster").map((r) => r.name)).toEqual([]);
  });

  test("a team's LB SG passed as a trusted SG still reaches NodePorts (plan level)", () => {
    const plan = planIngress({ apiCidrs: [], trustedSecurityGroupIds: ["sg-team-alb"], addonPorts: [] });
    expect(plan.filter((r) => r.row === "nodeport").map((r) => `${r.target}/${r.protocol}/${r.peer.kind}`).sort()).toEqual(["node/tcp/sg-id", "node/udp/sg-id"]);
  });
});

describe("R2: GuardDuty Runtime Monitoring reaches guardduty-data", () => {
  // Old behaviour: no guardduty-data endpoint; GuardDuty's auto-created one sits behind its own SG our egress never names.
  test("prod (private-only, GuardDuty on): a guardduty-data interface endpoint with private DNS in the endpoint SG", async () => {
    const { resources } = await stackRun("prod");
    const role = roleIndex(resources);
    const [gd] = ofType(resources, VPCE).filter((e) => e.inputs.serviceName === "com.amazonaws.eu-west-1.guardduty-data");
    expect(gd).toBeDefined();
    expect(gd.inputs.vpcEndpointType).toBe("Interface");
    expect(gd.inputs.privateDnsEnabled).toBe(true);
    expect(gd.inputs.securityGroupIds.map((id: string) => role.get(id))).toEqual(["endpoint"]);
    // Nodes (the agent's DaemonSet) and pods reach the endpoint SG on 443.
    for (const from of ["node", "pods"]) {
      expect(ofType(resources, EGRESS).some((r) => role.get(r.inputs.securityGroupId) === from && role.get(r.inputs.referencedSecurityGroupId) === "endpoint" && r.inputs.fromPort === 443)).toBe(true);
    }
  });

  test.each(["dev", "staging"] as const)("%s (NAT) creates no guardduty-data endpoint", async (stack) => {
    const { resources } = await stackRun(stack);
    expect(ofType(resources, VPCE).filter((e) => String(e.inputs.serviceName).endsWith("guardduty-data"))).toEqual([]);
  });
});

describe("the port table's documentation", () => {
  test("components/network/README.md lists exactly the rows of policy-pack/baseline/ports.ts, with their ports, sources, targets and add-on", () => {
    const readme = fs.readFileSync(path.join(__dirname, "../../../components/network/README.md"), "utf8");
    const rows = readme.split("\n").filter((l) => /^\| `[a-z-]+` \|/.test(l)).map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
    const ports = (r: (typeof PORT_TABLE)[number]) => (r.fromPort === -1 ? "all" : r.fromPort === r.toPort ? String(r.fromPort) : `${r.fromPort}-${r.toPort}`);
    expect(rows.map((c) => c.slice(0, 7))).toEqual(PORT_TABLE.map((r) => [`\`${r.id}\``, r.protocols.join("+"), ports(r), r.sources.join(", "), r.targets.join(", "), r.scope, r.addon ?? ""]));
  });
});
