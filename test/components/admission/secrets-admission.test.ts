/**
 * The admission mirror of SEC-002 (components/admission/expressions.ts `secretProviderClassValidations`), evaluated
 * with a CEL library as the API server would (`object`, `namespaceObject`), and checked to agree with the pack
 * rule on the same objects.
 */
import { isCelError, run } from "@bufbuild/cel";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { admissionParams, admissionPolicies, secretProviderClassValidations } from "../../../components/admission/expressions";
import { secretObjectsYaml } from "../../../components/secrets";
import { resource, violationsOf } from "../../support/rules";

const validations = secretProviderClassValidations(admissionParams());
const NS = { metadata: { name: "payments", labels: { [LABELS.tenant]: "payments", "kubernetes.io/metadata.name": "payments" } } };

function admitted(object: unknown): boolean {
  return validations.every((v) => {
    const result = run(v.expression, { object: object as never, namespaceObject: NS as never });
    if (isCelError(result)) throw new Error(`CEL error ${result.message} in ${v.expression}`);
    return result === true;
  });
}

const spc = (parameters: Record<string, string>, provider = "aws") => ({
  apiVersion: "secrets-store.csi.x-k8s.io/v1",
  kind: "SecretProviderClass",
  metadata: { name: "tenant-secrets", namespace: "payments", labels: { [LABELS.tenant]: "payments" } },
  spec: { provider, parameters },
});

/** [why, parameters, admitted by the mirror, the pack agrees (default true)]. */
const CASES: [string, Record<string, string>, boolean, boolean?][] = [
  ["the platform's own objects", { usePodIdentity: "true", region: "eu-west-1", objects: secretObjectsYaml(["hc-prod/payments/stripe-api-key", "hc-prod/payments/ledger/db"]) }, true],
  ["a full secret ARN under the tenant's prefix", { usePodIdentity: "true", objects: secretObjectsYaml(["arn:aws:secretsmanager:eu-west-1:333333333333:secret:hc-prod/payments/key-AbCdEf"]) }, true],
  ["hand-written YAML with jmesPath items", { usePodIdentity: "true", objects: "- objectName: hc-prod/payments/db\n  objectType: secretsmanager\n  jmesPath:\n    - path: username\n      objectAlias: db-user\n" }, true],
  ["another tenant's secret", { usePodIdentity: "true", objects: secretObjectsYaml(["hc-prod/payments/a", "hc-prod/identity/oidc-signing-key"]) }, false],
  ["a tenant whose name only starts like this one", { usePodIdentity: "true", objects: secretObjectsYaml(["hc-prod/payments-ledger/a"]) }, false],
  ["a name outside any prefix", { usePodIdentity: "true", objects: secretObjectsYaml(["shared-db-password"]) }, false],
  ["a Parameter Store object", { usePodIdentity: "true", objects: '- objectName: "hc-prod/payments/x"\n  objectType: "ssmparameter"\n' }, false],
  ["no usePodIdentity (IRSA or the node role)", { objects: secretObjectsYaml(["hc-prod/payments/a"]) }, false],
  ["usePodIdentity false", { usePodIdentity: "false", objects: secretObjectsYaml(["hc-prod/payments/a"]) }, false],
  ["an unknown key smuggled into the objects text", { usePodIdentity: "true", objects: secretObjectsYaml(["hc-prod/payments/a"]) + "- objectNameX: hc-prod/identity/b\n" }, false, false],
];

describe("SEC-002 in the admission mirror", () => {
  test.each(CASES)("%s", (_why, parameters, expected, packAgrees = true) => {
    expect(admitted(spc(parameters))).toBe(expected);
    // The pack rule agrees with the mirror on the same object (the mirror, which cannot parse YAML, is stricter
    // about lines it does not know; the pack reads objectName lines as ASCP does and ignores unknown keys).
    const tenantNs = resource("kubernetes:core/v1:Namespace", "payments", NS);
    const object = resource("kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass", "spc", spc(parameters));
    expect(violationsOf("SEC-002", [tenantNs, object]).length === 0).toBe(packAgrees ? expected : !expected);
  });

  test("other providers are not judged", () => {
    expect(admitted(spc({ objects: "anything" }, "vault"))).toBe(true);
  });

  test("the mirror carries one policy for SecretProviderClasses", () => {
    const policy = admissionPolicies(admissionParams()).find((p) => p.suffix === "tenant-secret-provider-classes");
    expect(policy?.resourceRules).toEqual([{ apiGroups: ["secrets-store.csi.x-k8s.io"], apiVersions: ["v1"], resources: ["secretproviderclasses"], operations: ["CREATE", "UPDATE"] }]);
    expect(policy?.validations.map((v) => v.rule)).toEqual(["SEC-002", "SEC-002"]);
  });
});
