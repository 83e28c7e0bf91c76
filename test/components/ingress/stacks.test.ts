import * as pulumi from "@pulumi/pulumi";
import { LBC_IAM_POLICY, LBC_NAMESPACE, LBC_SERVICE_ACCOUNT } from "../../../components/ingress";
import { parsePlatformConfig } from "../../../infra/config";
import { packConfigFor } from "../../../infra/policy-config";
import { LB_TARGETS_ROW, lbControllerRoleName } from "../../../infra/ingress";
import { portRow } from "../../../policy-pack/baseline/ports";
import { judge, stackRun } from "../../infra/fixtures";
import { loadStackConfig, ofType } from "../../infra/stack-config";

async function resolved(value: unknown): Promise<any> {
  const out: pulumi.Output<unknown> = pulumi.output(value as pulumi.Input<unknown>);
  return new Promise((res) => out.apply((v: unknown) => res(v)));
}

describe.each(["dev", "staging", "prod"] as const)("shared ingress in %s (AWS side)", (stack) => {
  test("the controller's own Pod Identity role with the upstream policy, associated with its ServiceAccount after the attachment", async () => {
    const { resources } = await stackRun(stack);
    const config = parsePlatformConfig(loadStackConfig(stack));
    const role = ofType(resources, "aws:iam/role:Role").find((r) => r.inputs.name === lbControllerRoleName(config.clusterName))!;
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
    const policy = ofType(resources, "aws:iam/policy:Policy").find((p) => p.inputs.name === lbControllerRoleName(config.clusterName))!;
    expect(JSON.parse(policy.inputs.policy)).toEqual(LBC_IAM_POLICY);
    const [assoc] = ofType(resources, "aws:eks/podIdentityAssociation:PodIdentityAssociation").filter((a) => a.inputs.serviceAccount === LBC_SERVICE_ACCOUNT);
    expect(assoc.inputs).toMatchObject({ namespace: LBC_NAMESPACE, serviceAccount: LBC_SERVICE_ACCOUNT, clusterName: config.clusterName });
    const attachment = ofType(resources, "aws:iam/rolePolicyAttachment:RolePolicyAttachment").find((a) => a.name === `${config.clusterName}-lb-controller`)!;
    expect(assoc.dependencies).toContain(attachment.urn);
  });

  test("the pod SG admits the LB backend SG on exactly the declared target ports (row lb-targets), and the pack accepts every rule", async () => {
    const { resources } = await stackRun(stack);
    const config = parsePlatformConfig(loadStackConfig(stack));
    const fromLb = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.tags?.["hardened-cluster.io/port-row"] === LB_TARGETS_ROW);
    expect(fromLb.map((r) => [r.inputs.fromPort, r.inputs.toPort]).sort()).toEqual(config.ingress.targetPorts.map((p) => [p, p]).sort());
    for (const r of fromLb) expect(r.inputs.tags["hardened-cluster.io/source-role"]).toBe("lb");
    expect(portRow(LB_TARGETS_ROW)).toMatchObject({ sources: ["lb"], targets: ["pods"], protocols: ["tcp"] });
    const backend = ofType(resources, "aws:ec2/securityGroup:SecurityGroup").find((g) => g.inputs.tags?.["hardened-cluster.io/sg-role"] === "lb")!;
    expect(backend).toBeDefined();
    const sg = resources.filter((r) => r.type.startsWith("aws:ec2/securityGroup") || r.type.startsWith("aws:vpc/securityGroup"));
    const lbUrns = new Set([backend.urn, ...fromLb.map((r) => r.urn), ...sg.filter((r) => r.inputs.securityGroupId === backend.inputs?.id || r.name.includes("-lb-out-")).map((r) => r.urn)]);
    expect(lbUrns.size).toBeGreaterThan(fromLb.length);
    const verdict = judge(sg, packConfigFor(config));
    expect(verdict.violations.filter((v) => v.level === "mandatory")).toEqual([]);
    expect(verdict.violations.filter((v) => lbUrns.has(v.urn))).toEqual([]);
  });

  test("the webhook port 9443 is open from the cluster SG to the pod SG (addonPorts)", async () => {
    const { resources } = await stackRun(stack);
    const webhook = ofType(resources, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule").filter((r) => r.inputs.fromPort === 9443 && r.inputs.tags?.["hardened-cluster.io/sg-role"] === "pods");
    expect(webhook.map((r) => r.inputs.tags["hardened-cluster.io/source-role"])).toEqual(["cluster"]);
  });

  test("the stack exports the ingress spec the in-cluster layer builds from", async () => {
    const { outputs } = await stackRun(stack);
    const spec = await resolved(outputs.ingress);
    const config = parsePlatformConfig(loadStackConfig(stack));
    expect(spec).toMatchObject({ enabled: true, version: "v2.17.1", targetPorts: config.ingress.targetPorts, internetFacingAllowed: false, privateOnly: config.network.privateOnly });
    expect(spec.sourceCidrs.internal).toHaveLength(config.network.availabilityZones.length);
    expect(spec.internalClientCidrs).toContain(config.network.cidr);
  });
});

describe("dev (same stack): the controller and the tenant's IngressClass in the AWS stack's run", () => {
  test("one controller, storefront's internal class, LB policies on 8080 from the private subnets, LB quota still 0", async () => {
    const { resources } = await stackRun("dev");
    expect(ofType(resources, "kubernetes:apps/v1:Deployment").filter((d) => d.inputs.metadata.namespace === LBC_NAMESPACE)).toHaveLength(1);
    const [params] = ofType(resources, "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams");
    expect(params.inputs.spec).toMatchObject({ scheme: "internal", group: { name: "storefront" }, inboundCIDRs: ["10.10.0.0/16", "10.200.0.0/16"] });
    const lb = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => p.inputs.metadata.name === "allow-ingress-from-load-balancer");
    expect(lb.map((p) => p.inputs.metadata.namespace).sort()).toEqual(["storefront-api", "storefront-web"]);
    expect(lb[0].inputs.spec.ingress[0]).toEqual({ from: [{ ipBlock: { cidr: "10.10.0.0/19" } }, { ipBlock: { cidr: "10.10.32.0/19" } }], ports: [{ protocol: "TCP", port: 8080 }] });
    // Decision: Ingress objects need no Service of type LoadBalancer (target type ip reaches ClusterIP backends), so
    // the tenants' services.loadbalancers quota stays 0.
    for (const q of ofType(resources, "kubernetes:core/v1:ResourceQuota")) expect(q.inputs.spec.hard["services.loadbalancers"]).toBe("0");
    // The controller runs on the system pool.
    const [dep] = ofType(resources, "kubernetes:apps/v1:Deployment").filter((d) => d.inputs.metadata.namespace === LBC_NAMESPACE);
    expect(dep.inputs.spec.template.spec.nodeSelector).toMatchObject({ "hardened-cluster.io/pool": "system" });
  });
});
