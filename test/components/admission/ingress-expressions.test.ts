import { isCelError, run } from "@bufbuild/cel";
import { admissionParams, admissionPolicies, type CelValidation } from "../../../components/admission/expressions";
import { ingressValidations, serviceSchemeValidations } from "../../../components/admission/ingress-expressions";
import { resource, violationsOf } from "../../support/rules";

function denied(validations: readonly CelValidation[], object: unknown): string[] {
  return validations.filter((v) => {
    const result = run(v.expression, { object: object as never, namespaceObject: { metadata: { name: "storefront-web" } } as never });
    if (isCelError(result)) throw new Error(`${v.rule}: CEL error ${result.message} in ${v.expression}`);
    return result !== true;
  }).map((v) => v.rule);
}

const ingress = (annotations?: Record<string, string>) => ({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", metadata: { name: "web", namespace: "storefront-web", ...(annotations ? { annotations } : {}) }, spec: { ingressClassName: "storefront-alb" } });
const service = (annotations?: Record<string, string>) => ({ apiVersion: "v1", kind: "Service", metadata: { name: "web", namespace: "storefront-web", ...(annotations ? { annotations } : {}) }, spec: { type: "ClusterIP" } });

describe("ING-001 in the admission mirror: the CEL form agrees with the pack rule", () => {
  test.each([
    ["Ingress without annotations", ingress(), []],
    ["Ingress internal", ingress({ "alb.ingress.kubernetes.io/scheme": "internal" }), []],
    ["Ingress with other annotations", ingress({ "alb.ingress.kubernetes.io/group.name": "storefront" }), []],
    ["Ingress internet-facing", ingress({ "alb.ingress.kubernetes.io/scheme": "internet-facing" }), ["ING-001"]],
  ])("%s", (_what, object, expected) => {
    expect(denied(ingressValidations(), object)).toEqual(expected);
    expect(violationsOf("ING-001", resource("kubernetes:networking.k8s.io/v1:Ingress", "i", object)).map((v) => v.rule)).toEqual(expected);
  });

  test.each([
    ["Service without annotations", service(), []],
    ["Service internal", service({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internal" }), []],
    ["Service internet-facing", service({ "service.beta.kubernetes.io/aws-load-balancer-scheme": "internet-facing" }), ["ING-001"]],
  ])("%s", (_what, object, expected) => {
    expect(denied(serviceSchemeValidations(), object)).toEqual(expected);
    expect(violationsOf("ING-001", resource("kubernetes:core/v1:Service", "s", object)).map((v) => v.rule)).toEqual(expected);
  });

  test("the mirror carries a tenant-ingresses policy for networking.k8s.io/v1 ingresses and the Service scheme check", () => {
    const policies = admissionPolicies(admissionParams({}));
    const ing = policies.find((p) => p.suffix === "tenant-ingresses")!;
    expect(ing.resourceRules).toEqual([{ apiGroups: ["networking.k8s.io"], apiVersions: ["v1"], resources: ["ingresses"], operations: ["CREATE", "UPDATE"] }]);
    expect(ing.validations.map((v) => v.rule)).toEqual(["ING-001"]);
    expect(policies.find((p) => p.suffix === "tenant-services")!.validations.map((v) => v.rule)).toContain("ING-001");
  });
});
