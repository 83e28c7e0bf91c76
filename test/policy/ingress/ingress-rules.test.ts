import { loadBalancerIngressPolicySpec } from "../../../components/ingress/policies";
import { INGRESS_CLASS_PARAMS_TYPE, INTERNET_FACING_JUSTIFICATION_ANNOTATION, LB_INGRESS_POLICY_NAME } from "../../../policy-pack/baseline/ingress";
import { findRule } from "../../../policy-pack/registry";
import { resource, violationsOf } from "../../support/rules";

const params = (spec: Record<string, unknown>, annotations: Record<string, string> = {}) => resource(INGRESS_CLASS_PARAMS_TYPE, "p", { apiVersion: "elbv2.k8s.aws/v1beta1", kind: "IngressClassParams", metadata: { name: "storefront-alb", annotations }, spec });
const ingress = (annotations: Record<string, string>) => resource("kubernetes:networking.k8s.io/v1:Ingress", "i", { metadata: { name: "web", namespace: "storefront-web", annotations }, spec: { ingressClassName: "storefront-alb" } });
const service = (annotations: Record<string, string>) => resource("kubernetes:core/v1:Service", "s", { metadata: { name: "web", namespace: "storefront-web", annotations }, spec: { type: "ClusterIP" } });
const policy = (spec: Record<string, unknown>, name = LB_INGRESS_POLICY_NAME) => resource("kubernetes:networking.k8s.io/v1:NetworkPolicy", "np", { metadata: { name, namespace: "storefront-web" }, spec });

describe("ING-001 load-balancer-internal-unless-justified", () => {
  test("is registered in the ingress family, mandatory", () => {
    expect(findRule("ING-001")).toMatchObject({ enforcementLevel: "mandatory", groups: expect.arrayContaining(["ingress"]) });
  });
  test.each([
    ["IngressClassParams internet-facing without justification", params({ scheme: "internet-facing" }), /annotations\["hardened-cluster.io\/internet-facing-justification"\] is missing/],
    ["IngressClassParams internet-facing with a placeholder", params({ scheme: "internet-facing" }, { [INTERNET_FACING_JUSTIFICATION_ANNOTATION]: "xxxxxxxxxxxxxxxxxxxxxxxx" }), /placeholder/],
    ["Ingress annotated internet-facing", ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing" }), /alb.ingress.kubernetes.io\/scheme.*internet-facing/],
    ["Service annotated internet-facing", service({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" }), /aws-load-balancer-scheme.*internet-facing/],
  ])("violation: %s", (_what, r, message) => {
    const v = violationsOf("ING-001", r);
    expect(v).toHaveLength(1);
    expect(v[0].message).toMatch(message);
  });
  test.each([
    ["IngressClassParams internal", params({ scheme: "internal", group: { name: "storefront" } })],
    ["IngressClassParams with no scheme (controller default internal)", params({ group: { name: "storefront" } })],
    ["IngressClassParams internet-facing with a justification", params({ scheme: "internet-facing" }, { [INTERNET_FACING_JUSTIFICATION_ANNOTATION]: "Public storefront served to customers over the internet" })],
    ["Ingress internal", ingress({ "alb.ingress.kubernetes.io/scheme": "internal" })],
    ["Ingress without scheme", ingress({})],
    ["Service internal", service({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" })],
  ])("compliant: %s", (_what, r) => {
    expect(violationsOf("ING-001", r)).toEqual([]);
  });
});

describe("ING-002 lb-ingress-policy-declared-ports-only", () => {
  const good = loadBalancerIngressPolicySpec(["10.10.0.0/19", "10.10.32.0/19"], [8443, 8080]);
  test("compliant: the component's own policy (declared ports, LB subnets only), and any other policy name", () => {
    expect(violationsOf("ING-002", policy(good as unknown as Record<string, unknown>))).toEqual([]);
    expect(violationsOf("ING-002", policy({ podSelector: {}, policyTypes: ["Ingress"], ingress: [{}] }, "something-else"))).toEqual([]);
    expect(good.ingress![0].ports).toEqual([{ protocol: "TCP", port: 8080 }, { protocol: "TCP", port: 8443 }]);
  });
  test.each([
    ["no ports", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "10.10.0.0/19" } }] }] }, /lists no ports/],
    ["a port range", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "10.10.0.0/19" } }], ports: [{ port: 8000, endPort: 9000 }] }] }, /is a range/],
    ["a named port", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "10.10.0.0/19" } }], ports: [{ port: "http" }] }] }, /numeric ports/],
    ["the world", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ ipBlock: { cidr: "0.0.0.0/0" } }], ports: [{ port: 8080 }] }] }, /every address/],
    ["no from", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ ports: [{ port: 8080 }] }] }, /has no from/],
    ["a namespace selector peer", { podSelector: {}, policyTypes: ["Ingress"], ingress: [{ from: [{ namespaceSelector: {} }], ports: [{ port: 8080 }] }] }, /not an ipBlock/],
    ["egress rules", { podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ ipBlock: { cidr: "10.10.0.0/19" } }], ports: [{ port: 8080 }] }], egress: [{ ports: [{ port: 443 }] }] }, /ingress only/],
  ])("violation: %s", (_what, spec, message) => {
    const v = violationsOf("ING-002", policy(spec));
    expect(v.length).toBeGreaterThanOrEqual(1);
    expect(v.map((x) => x.message).join("\n")).toMatch(message);
  });
});
