import * as fs from "fs";
import * as k8s from "@pulumi/kubernetes";
import { parseAllDocuments } from "yaml";
import { Deployment } from "kubernetes-models/apps/v1/Deployment";
import { Namespace } from "kubernetes-models/v1/Namespace";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1/NetworkPolicy";
import { ClusterRole } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRole";
import { Role } from "kubernetes-models/rbac.authorization.k8s.io/v1/Role";
import { Service } from "kubernetes-models/v1/Service";
import { ServiceAccount } from "kubernetes-models/v1/ServiceAccount";
import { RoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/RoleBinding";
import { ClusterRoleBinding } from "kubernetes-models/rbac.authorization.k8s.io/v1/ClusterRoleBinding";
import { MutatingWebhookConfiguration } from "kubernetes-models/admissionregistration.k8s.io/v1/MutatingWebhookConfiguration";
import { ValidatingWebhookConfiguration } from "kubernetes-models/admissionregistration.k8s.io/v1/ValidatingWebhookConfiguration";
import { IngressClass } from "kubernetes-models/networking.k8s.io/v1/IngressClass";
import { CustomResourceDefinition } from "kubernetes-models/apiextensions.k8s.io/v1/CustomResourceDefinition";
import { recordResources, type RecordedResource } from "../../../engine/record";
import { LoadBalancerController, LBC_CRDS_FILE, LBC_VERSION, LBC_WEBHOOK_PORT, POD_IDENTITY_AGENT, TenantIngress, controllerArgs, lbcImage, lbcRegistryHost } from "../../../components/ingress";
import { judge } from "../../infra/fixtures";
import { ofType } from "../../infra/stack-config";

const provider = () => new k8s.Provider("k8s", { kubeconfig: "{}" });
const REGION = "eu-west-1";

async function controllerRun(): Promise<RecordedResource[]> {
  return recordResources(() => {
    const p = provider();
    const controller = new LoadBalancerController("lbc", { clusterName: "hc-dev", region: REGION, vpcId: "vpc-0123456789abcdef0", apiServerCidrs: ["10.10.0.0/16"], provider: p });
    new TenantIngress("storefront-ingress", { tenant: "storefront", namespaces: ["storefront-web", "storefront-api"], ports: [8080], sourceCidrs: ["10.10.0.0/19", "10.10.32.0/19"], clientCidrs: ["10.10.0.0/16"], provider: p }, { dependsOn: [controller] });
  });
}

/** Kubernetes object of a recorded resource as the API server would receive it (known inputs only). */
function objectOf(r: RecordedResource): Record<string, unknown> {
  const [group, version, kind] = r.type.replace(/^kubernetes:/, "").split(/[/:]/);
  const apiVersion = group === "core" ? version : `${group}/${version}`;
  return JSON.parse(JSON.stringify({ apiVersion, kind, ...r.inputs }));
}

describe("LoadBalancerController: explicit objects the pack judges", () => {
  let resources: RecordedResource[];
  beforeAll(async () => {
    resources = await controllerRun();
  });

  test("every object passes every mandatory rule of the pack (the tenant registry only; the image carries its IMG-001 exemption)", () => {
    const result = judge(resources, { allowedRegistries: ["111111111111.dkr.ecr.eu-west-1.amazonaws.com"], networkPolicyProvider: "vpc-cni" });
    expect(result.exemptions.map((e) => e.rule)).toEqual(["IMG-001"]);
    // Without the exemption the AWS-published image is outside the tenants' registry: the pack would reject it.
    const [dep] = ofType(resources, "kubernetes:apps/v1:Deployment");
    const bare = resources.map((r) => (r === dep ? { ...r, inputs: { ...r.inputs, metadata: { ...r.inputs.metadata, annotations: {} } } } : r));
    expect(judge(bare, { allowedRegistries: ["111111111111.dkr.ecr.eu-west-1.amazonaws.com"], networkPolicyProvider: "vpc-cni" }).violations.map((v) => v.rule)).toContain("IMG-001");
    expect(lbcRegistryHost(REGION)).toBe("602401143452.dkr.ecr.eu-west-1.amazonaws.com");
    const mandatory = result.violations.filter((v) => v.level === "mandatory");
    expect(mandatory).toEqual([]);
    // Advisories: only the digest pin (IMG-003: the release is pinned by tag) and NP-004's port-only HTTPS egress of
    // the controller's own policy (the API server and the AWS APIs: public addresses through the NAT).
    const advisories = result.violations.filter((v) => v.level === "advisory");
    expect([...new Set(advisories.map((v) => v.rule))].sort()).toEqual(["IMG-003", "NP-004"]);
    expect(advisories.filter((v) => v.rule === "NP-004").every((v) => v.urn.endsWith("::lbc-netpol"))).toBe(true);
  });

  test("the Deployment is PSS restricted, sized and pinned to the release, and pins region and VPC (no IMDS)", () => {
    const [dep] = ofType(resources, "kubernetes:apps/v1:Deployment");
    const pod = dep.inputs.spec.template.spec;
    const c = pod.containers[0];
    expect(c.image).toBe(lbcImage(REGION));
    expect(c.image.endsWith(`:${LBC_VERSION}`)).toBe(true);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, runAsNonRoot: true, readOnlyRootFilesystem: true, capabilities: { drop: ["ALL"] }, seccompProfile: { type: "RuntimeDefault" } });
    expect(c.resources.requests).toEqual({ cpu: "100m", memory: "128Mi" });
    expect(c.resources.limits).toEqual({ cpu: "500m", memory: "512Mi" });
    expect(c.args).toEqual(controllerArgs("hc-dev", REGION, "vpc-0123456789abcdef0"));
    expect(c.args).toContain("--default-load-balancer-scheme=internal");
    expect(pod.serviceAccountName).toBe("aws-load-balancer-controller");
  });

  test("the controller's strict-mode policy admits only the webhook port and reaches DNS, HTTPS and the Pod Identity Agent", () => {
    const policy = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.inputs.metadata.namespace === "aws-load-balancer-controller")!;
    expect(policy.inputs.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: "10.10.0.0/16" } }], ports: [{ protocol: "TCP", port: LBC_WEBHOOK_PORT }] }]);
    expect(policy.inputs.spec.egress).toContainEqual({ to: [{ ipBlock: { cidr: POD_IDENTITY_AGENT.cidr } }], ports: [{ protocol: "TCP", port: 80 }] });
    expect(policy.inputs.spec.egress).toContainEqual({ ports: [{ protocol: "TCP", port: 443 }] });
  });

  test("webhooks call the Service with the private CA bundle, wait for the Deployment, and never intercept the controller's own pods", () => {
    const [mutating] = ofType(resources, "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration");
    const [validating] = ofType(resources, "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration");
    const [dep] = ofType(resources, "kubernetes:apps/v1:Deployment");
    for (const w of [mutating, validating]) expect(w.dependencies).toContain(dep.urn);
    const names = [...mutating.inputs.webhooks, ...validating.inputs.webhooks].map((w: any) => w.name).sort();
    expect(names).toEqual(["mpod.elbv2.k8s.aws", "mtargetgroupbinding.elbv2.k8s.aws", "vingress.elbv2.k8s.aws", "vingressclassparams.elbv2.k8s.aws", "vtargetgroupbinding.elbv2.k8s.aws"]);
    for (const w of [...mutating.inputs.webhooks, ...validating.inputs.webhooks]) expect(w.clientConfig.service).toMatchObject({ name: "aws-load-balancer-webhook-service", namespace: "aws-load-balancer-controller" });
    // The serving certificate comes from @pulumi/tls (no cert-manager): a CA and a leaf for the Service's DNS names.
    const [csr] = ofType(resources, "tls:index/certRequest:CertRequest");
    expect(csr.inputs.dnsNames).toEqual(["aws-load-balancer-webhook-service.aws-load-balancer-controller.svc", "aws-load-balancer-webhook-service.aws-load-balancer-controller.svc.cluster.local"]);
    expect(ofType(resources, "tls:index/selfSignedCert:SelfSignedCert")[0].inputs.isCaCertificate).toBe(true);
    expect(ofType(resources, "kubernetes:annotations.k8s.io/v1:MutatingWebhookConfiguration")).toHaveLength(0);
  });

  test("the ClusterRole is the chart's minus the disabled features' API groups, and reads no Secrets", () => {
    const [role] = ofType(resources, "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole");
    const groups = new Set(role.inputs.rules.flatMap((r: any) => r.apiGroups));
    for (const off of ["gateway.networking.k8s.io", "gateway.k8s.aws", "aga.k8s.aws"]) expect(groups.has(off)).toBe(false);
    expect(role.inputs.rules.flatMap((r: any) => r.resources)).not.toContain("secrets");
  });

  test("the two upstream CRDs are vendored from the pinned tag with a provenance header and expanded for the pack", () => {
    const text = fs.readFileSync(LBC_CRDS_FILE, "utf8");
    expect(text.split("\n")[1]).toContain(`tag ${LBC_VERSION}`);
    const docs = parseAllDocuments(text).map((d) => d.toJS()).filter(Boolean);
    expect(docs.map((d) => d.metadata.name).sort()).toEqual(["ingressclassparams.elbv2.k8s.aws", "targetgroupbindings.elbv2.k8s.aws"]);
    for (const d of docs) expect(() => new CustomResourceDefinition(d).validate()).not.toThrow();
    expect(ofType(resources, "kubernetes:apiextensions.k8s.io/v1:CustomResourceDefinition").map((r) => r.inputs.metadata.name).sort()).toEqual(["ingressclassparams.elbv2.k8s.aws", "targetgroupbindings.elbv2.k8s.aws"]);
  });

  test("objects validate against the Kubernetes API schemas (kubernetes-models)", () => {
    const models: Record<string, new (o: any) => { validate(): void }> = {
      "kubernetes:apps/v1:Deployment": Deployment,
      "kubernetes:core/v1:Namespace": Namespace,
      "kubernetes:core/v1:Service": Service,
      "kubernetes:core/v1:ServiceAccount": ServiceAccount,
      "kubernetes:rbac.authorization.k8s.io/v1:RoleBinding": RoleBinding,
      "kubernetes:rbac.authorization.k8s.io/v1:ClusterRoleBinding": ClusterRoleBinding,
      "kubernetes:networking.k8s.io/v1:NetworkPolicy": NetworkPolicy,
      "kubernetes:networking.k8s.io/v1:IngressClass": IngressClass,
      "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole": ClusterRole,
      "kubernetes:rbac.authorization.k8s.io/v1:Role": Role,
      "kubernetes:admissionregistration.k8s.io/v1:MutatingWebhookConfiguration": MutatingWebhookConfiguration,
      "kubernetes:admissionregistration.k8s.io/v1:ValidatingWebhookConfiguration": ValidatingWebhookConfiguration,
    };
    let validated = 0;
    for (const r of resources) {
      const Model = models[r.type];
      if (!Model) continue;
      const obj = objectOf(r);
      // caBundle is unknown at preview (the CA is created at apply): stand in a base64 value to validate the shape.
      for (const w of (obj.webhooks as any[]) ?? []) w.clientConfig.caBundle = "Y2E=";
      expect(() => new Model(obj).validate()).not.toThrow();
      validated++;
    }
    expect(validated).toBeGreaterThanOrEqual(14);
  });
});

describe("TenantIngress: internal by default, one ALB group per tenant, LB sources on declared ports only", () => {
  test("IngressClassParams pins scheme internal, the tenant's group, ip targets and the tenant's namespaces", async () => {
    const resources = await controllerRun();
    const [params] = ofType(resources, "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams");
    expect(params.inputs.spec).toEqual({ scheme: "internal", group: { name: "storefront" }, targetType: "ip", inboundCIDRs: ["10.10.0.0/16"], namespaceSelector: { matchLabels: { "hardened-cluster.io/tenant": "storefront" } } });
    const [cls] = ofType(resources, "kubernetes:networking.k8s.io/v1:IngressClass");
    expect(cls.inputs.spec).toEqual({ controller: "ingress.k8s.aws/alb", parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: "storefront-alb" } });
    const lb = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").filter((p) => p.inputs.metadata.name === "allow-ingress-from-load-balancer");
    expect(lb.map((p) => p.inputs.metadata.namespace).sort()).toEqual(["storefront-api", "storefront-web"]);
    expect(lb[0].inputs.spec.ingress).toEqual([{ from: [{ ipBlock: { cidr: "10.10.0.0/19" } }, { ipBlock: { cidr: "10.10.32.0/19" } }], ports: [{ protocol: "TCP", port: 8080 }] }]);
    expect(lb[0].inputs.spec.policyTypes).toEqual(["Ingress"]);
  });

  test.each([
    [{ ports: [] }, /ports is empty/],
    [{ ports: [70000] }, /ports contains 70000/],
    [{ scheme: "internet-facing" as const }, /justification is required/],
    [{ sourceCidrs: [] }, /sourceCidrs is empty/],
    [{ clientCidrs: ["0.0.0.0/0"] }, /clientCidrs opens an internal load balancer/],
  ])("bad args %j throw a named-field error before any resource", async (bad, message) => {
    const rs = await recordResources(() => {
      expect(() => new TenantIngress("t", { tenant: "t", namespaces: ["t"], ports: [8080], sourceCidrs: ["10.0.0.0/19"], clientCidrs: ["10.0.0.0/16"], provider: provider(), ...bad })).toThrow(message);
    });
    expect(ofType(rs, "kubernetes:elbv2.k8s.aws/v1beta1:IngressClassParams")).toHaveLength(0);
  });
});
