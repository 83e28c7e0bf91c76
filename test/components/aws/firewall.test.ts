import { LABELS } from "../../../policy-pack/baseline/labels";
import { PORT_TABLE, rowsFor, type PortRow } from "../../../policy-pack/baseline/ports";
import { FIREWALL_ROLES, planIngress } from "../../../components/firewall";
import { enabledAddonPorts } from "../../../infra/policy-config";
import { parsePlatformConfig } from "../../../infra/config";
import { loadStackConfig, ofType } from "../../infra/stack-config";
import { stackRun, tagsOf } from "../../infra/fixtures";

const SG = "aws:ec2/securityGroup:SecurityGroup";
const INGRESS = "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule";

/** `proto:from-to` of a row/protocol pair, as AWS spells it. */
const portKey = (protocol: string, from?: number, to?: number) => (protocol === "-1" || protocol === "all" ? "all" : `${protocol}:${from}-${to}`);

describe.each(["dev", "staging", "prod"] as const)("Firewall in the %s stack", (stack) => {
  const config = parsePlatformConfig(loadStackConfig(stack));

  test("every managed SG carries an sg-role tag", async () => {
    const { resources } = await stackRun(stack);
    const roles = ofType(resources, SG).map((r) => tagsOf(r)[LABELS.sgRole]);
    for (const role of FIREWALL_ROLES) expect(roles).toContain(role);
    expect(roles.every((r) => r !== undefined)).toBe(true);
  });

  test.each(FIREWALL_ROLES)("the %s SG's port set equals its port-table rows (+ enabled add-on ports)", async (role) => {
    const { resources } = await stackRun(stack);
    const sg = ofType(resources, SG).find((r) => tagsOf(r)[LABELS.sgRole] === role)!;
    const actual = new Set(ofType(resources, INGRESS).filter((r) => r.inputs.securityGroupId === sg.outputs.id).map((r) => portKey(r.inputs.ipProtocol, r.inputs.fromPort, r.inputs.toPort)));
    // Rows whose sources the platform provides (no LB SG, no trusted SG ids); add-on rows only with their add-on.
    const enabled = new Set(enabledAddonPorts(config).map((a) => a.name));
    const provided = (row: PortRow) => row.sources.some((s) => ["self", "node", "cluster", "pods", "sensitive-node", "sensitive-pods"].includes(s) || (s === "trusted-cidrs" && role === "cluster"));
    const expected = new Set(
      rowsFor("eks")
        .filter((row) => row.targets.includes(role) && provided(row) && (row.addon === undefined || enabled.has(row.addon)))
        .flatMap((row) => row.protocols.map((p) => portKey(p, row.fromPort, row.toPort))),
    );
    if (role === "node" || role === "pods") for (const a of enabledAddonPorts(config)) expected.add(portKey(a.protocol, a.port, a.port));
    // Shared ingress (infra/ingress.ts): the LB backend SG reaches pods on each declared target port (row lb-targets).
    if (role === "pods" && config.ingress.enabled) for (const p of config.ingress.targetPorts) expected.add(portKey("tcp", p, p));
    expect([...actual].sort()).toEqual([...expected].sort());
  });

  test("every ingress rule is tagged with its target SG's role and its source role", async () => {
    const { resources } = await stackRun(stack);
    const roleById = new Map(ofType(resources, SG).map((r) => [r.outputs.id, tagsOf(r)[LABELS.sgRole]]));
    const rules = ofType(resources, INGRESS);
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      expect(tagsOf(rule)[LABELS.sgRole]).toBe(roleById.get(rule.inputs.securityGroupId));
      expect(tagsOf(rule)[LABELS.sourceRole]).toBeTruthy();
      if (rule.inputs.referencedSecurityGroupId) {
        const sourceRole = roleById.get(rule.inputs.referencedSecurityGroupId);
        expect(tagsOf(rule)[LABELS.sourceRole]).toBe(sourceRole);
      }
    }
  });

  test("no ingress from 0.0.0.0/0 or ::/0 and no etcd/scheduler/controller-manager ports", async () => {
    const { resources } = await stackRun(stack);
    for (const rule of ofType(resources, INGRESS)) {
      expect(rule.inputs.cidrIpv4).not.toBe("0.0.0.0/0");
      expect(rule.inputs.cidrIpv6).toBeUndefined();
      for (const port of [2379, 2380, 6443, 10257, 10259]) {
        const covers = rule.inputs.ipProtocol !== "-1" && rule.inputs.fromPort <= port && port <= rule.inputs.toPort;
        expect(covers).toBe(false);
      }
    }
  });

  test("all-traffic ingress only from self, or from a pool class's node SG onto its own pod SG", async () => {
    const { resources } = await stackRun(stack);
    const roleById = new Map(ofType(resources, SG).map((r) => [r.outputs.id, tagsOf(r)[LABELS.sgRole]]));
    for (const rule of ofType(resources, INGRESS).filter((r) => r.inputs.ipProtocol === "-1")) {
      const self = rule.inputs.referencedSecurityGroupId === rule.inputs.securityGroupId;
      const pair = `${roleById.get(rule.inputs.referencedSecurityGroupId)}->${roleById.get(rule.inputs.securityGroupId)}`;
      const nodeToPods = pair === "node->pods" || pair === "sensitive-node->sensitive-pods";
      expect(self || nodeToPods).toBe(true);
    }
  });

  test("no NodePort ingress (no LB SG: nothing here creates a load balancer), kubelet only from the cluster SG, self or the pod SG (metrics-server), DNS both protocols", async () => {
    const { resources } = await stackRun(stack);
    const roleById = new Map(ofType(resources, SG).map((r) => [r.outputs.id, tagsOf(r)[LABELS.sgRole]]));
    const rules = ofType(resources, INGRESS).filter((r) => r.inputs.ipProtocol !== "-1");
    const nodeport = PORT_TABLE.find((r) => r.id === "nodeport")!;
    const kubelet = PORT_TABLE.find((r) => r.id === "kubelet")!;
    expect(rules.filter((r) => r.inputs.fromPort === nodeport.fromPort)).toEqual([]);
    const metricsServer = enabledAddonPorts(config).some((a) => a.name === "metrics-server");
    for (const r of rules.filter((x) => x.inputs.fromPort === kubelet.fromPort)) {
      expect(r.inputs.cidrIpv4).toBeUndefined();
      expect(["cluster", roleById.get(r.inputs.securityGroupId), ...(metricsServer ? ["pods"] : [])]).toContain(roleById.get(r.inputs.referencedSecurityGroupId));
    }
    for (const role of ["node", "pods"]) {
      const dns = rules.filter((r) => r.inputs.fromPort === 53 && roleById.get(r.inputs.securityGroupId) === role);
      expect(new Set(dns.map((r) => r.inputs.ipProtocol))).toEqual(new Set(["tcp", "udp"]));
      for (const r of dns) expect(r.inputs.cidrIpv4).toBeUndefined();
    }
  });

  test("disabled add-on ports are not opened", async () => {
    const { resources } = await stackRun(stack);
    const disabled = config.addonPorts.filter((a) => !a.enabled).map((a) => a.port);
    for (const port of disabled) expect(ofType(resources, INGRESS).some((r) => r.inputs.fromPort === port)).toBe(false);
  });
});

describe("planIngress", () => {
  test("CIDR sources reach only the API row on the cluster SG", () => {
    const plan = planIngress({ apiCidrs: ["10.200.0.0/16"], trustedSecurityGroupIds: [], addonPorts: [] });
    const cidrRules = plan.filter((r) => r.peer.kind === "cidr");
    expect(cidrRules.map((r) => `${r.target}/${r.row}`)).toEqual(["cluster/api"]);
  });

  test("each add-on port opens one port (never a range) from the cluster SG", () => {
    const plan = planIngress({ apiCidrs: [], trustedSecurityGroupIds: [], addonPorts: [{ name: "webhook", protocol: "tcp", port: 9443, justification: "the API server calls this webhook" }] });
    const addon = plan.filter((r) => r.row === "addon:webhook");
    expect(addon).toHaveLength(2);
    for (const r of addon) {
      expect(r.fromPort).toBe(r.toPort);
      expect(r.peer).toEqual({ kind: "sg", role: "cluster" });
    }
  });
});
