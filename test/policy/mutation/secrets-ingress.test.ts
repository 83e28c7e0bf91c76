/**
 * Branch cases found by mutation testing (Stryker, group `secrets-ingress`) for SEC-001, SEC-002 (and the
 * SecretProviderClass `objects` reader) and ING-001/ING-002: which tenant owns a namespace when the Namespace and
 * the object disagree, Parameter Store objects named by ARN, IAM action wildcards and trust policies with several
 * statements, YAML the ASCP accepts (comments, nested jmesPath lists, odd quoting), absent fields, and preview
 * unknowns (advisory "cannot verify", never a silent pass).
 */
import { LABELS } from "../../../policy-pack/baseline/labels";
import type { StackResource } from "../../../policy-pack/core/rule";
import { coversSecretRead } from "../../../policy-pack/rules/secrets/iam";
import { parseSecretObjects } from "../../../policy-pack/rules/secrets/objects";
import { INGRESS_CLASS_PARAMS_TYPE, LB_INGRESS_POLICY_NAME } from "../../../policy-pack/baseline/ingress";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";
import { tenantNs } from "../k8s/fixtures";

const S = sdkProxy.unknownStringValue;
const O = sdkProxy.unknownObjectValue;
const levels = (vs: { level: string }[]) => vs.map((v) => v.level);
const messages = (vs: { message: string }[]) => vs.map((v) => v.message).join("\n");

// ---------------------------------------------------------------------------------------------------------
// SEC-002 and the objects reader
// ---------------------------------------------------------------------------------------------------------

const SPC = "kubernetes:secrets-store.csi.x-k8s.io/v1:SecretProviderClass";
const NS = "kubernetes:core/v1:Namespace";
const yaml = (...names: string[]) => names.map((n) => `- objectName: "${n}"\n  objectType: "secretsmanager"\n`).join("");
const spc = (namespace: string, labels: Record<string, unknown> | string, parameters: Record<string, unknown> = { usePodIdentity: "true", objects: yaml(`hc-prod/${namespace}/a`) }, extra: Record<string, unknown> = {}) =>
  resource(SPC, `${namespace}-spc`, { metadata: { name: "tenant-secrets", namespace, labels }, spec: { provider: "aws", parameters }, ...extra });

describe("SEC-002: the tenant owning a namespace", () => {
  it("is the Namespace's tenant label, not the object's own label", () => {
    const own = spc("payments", { [LABELS.tenant]: "identity" }, { usePodIdentity: "true", objects: yaml("hc-prod/payments/db") });
    expect(violationsOf("SEC-002", [tenantNs("payments"), own])).toEqual([]);
    const other = spc("payments", { [LABELS.tenant]: "identity" }, { usePodIdentity: "true", objects: yaml("hc-prod/identity/key") });
    expect(messages(violationsOf("SEC-002", [tenantNs("payments"), other]))).toContain("outside tenant payments's prefix");
  });

  it("is read from the Namespace of that name only, not from another Namespace or an object named like it", () => {
    const lookalike = resource("kubernetes:core/v1:ConfigMap", "payments-cm", { metadata: { name: "payments", namespace: "payments", labels: { [LABELS.tenant]: "identity" } } });
    const objects = { usePodIdentity: "true", objects: yaml("hc-prod/payments/db") };
    expect(violationsOf("SEC-002", [lookalike, tenantNs("identity"), tenantNs("payments"), spc("payments", {}, objects)])).toEqual([]);
  });

  it("falls back to the object's own label when the Namespace carries none", () => {
    const bare = resource(NS, "team-x", { metadata: { name: "team-x", labels: { team: "x" } } });
    const config = { tenantNamespaces: ["team-x"] };
    expect(violationsOf("SEC-002", [bare, spc("team-x", { [LABELS.tenant]: "team-x" })], config)).toEqual([]);
    const foreign = spc("team-x", { [LABELS.tenant]: "team-x" }, { usePodIdentity: "true", objects: yaml("hc-prod/team-y/a") });
    expect(messages(violationsOf("SEC-002", [bare, foreign], config))).toContain("outside tenant team-x's prefix");
    const unlabelled = resource(NS, "team-x", { metadata: { name: "team-x" } });
    expect(violationsOf("SEC-002", [unlabelled, spc("team-x", { [LABELS.tenant]: "team-x" })], config)).toEqual([]);
  });

  it("is 'cannot verify' (advisory) when the Namespace's or the object's labels are unknown at preview", () => {
    const config = { tenantNamespaces: ["payments"] };
    const ns = previewed(resource(NS, "payments", { metadata: { name: "payments", labels: O } }));
    const vs = violationsOf("SEC-002", [ns, spc("payments", { [LABELS.tenant]: "payments" })], config);
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify metadata.labels");
    const own = previewed(spc("payments", O as unknown as string));
    const vs2 = violationsOf("SEC-002", [resource(NS, "payments", { metadata: { name: "payments" } }), own], config);
    expect(levels(vs2)).toEqual(["advisory"]);
    expect(vs2[0].message).toContain("cannot verify metadata.labels");
  });
});

describe("SEC-002: what is judged", () => {
  it("judges SecretProviderClass objects only", () => {
    const configMap = resource("kubernetes:core/v1:ConfigMap", "cm", { metadata: { name: "cm", namespace: "payments" }, spec: { provider: "aws", parameters: { objects: yaml("hc-prod/identity/key") } } });
    expect(violationsOf("SEC-002", [tenantNs("payments"), configMap])).toEqual([]);
  });

  it("reports an unknown namespace or provider as 'cannot verify', naming the field", () => {
    const unknownNs = previewed(resource(SPC, "spc", { metadata: { name: "tenant-secrets", namespace: S }, spec: { provider: "aws", parameters: {} } }));
    const a = violationsOf("SEC-002", [tenantNs("payments"), unknownNs]);
    expect(levels(a)).toEqual(["advisory"]);
    expect(a[0].message).toContain("cannot verify metadata.namespace");
    const unknownProvider = previewed(resource(SPC, "spc", { metadata: { name: "tenant-secrets", namespace: "payments" }, spec: { provider: S, parameters: {} } }));
    const b = violationsOf("SEC-002", [tenantNs("payments"), unknownProvider]);
    expect(levels(b)).toEqual(["advisory"]);
    expect(b[0].message).toContain("cannot verify spec");
  });

  it("requires usePodIdentity to be the string \"true\" and objects to be a text", () => {
    const boolean = spc("payments", { [LABELS.tenant]: "payments" }, { usePodIdentity: true, objects: yaml("hc-prod/payments/a") });
    expect(messages(violationsOf("SEC-002", [tenantNs("payments"), boolean]))).toContain('usePodIdentity is true, not "true"');
    const list = spc("payments", { [LABELS.tenant]: "payments" }, { usePodIdentity: "true", objects: [{ objectName: "hc-prod/identity/key" }] });
    const vs = violationsOf("SEC-002", [tenantNs("payments"), list]);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("spec.parameters.objects is not a YAML list of objects");
  });

  it("takes an object named by a Parameter Store ARN without objectType as a Parameter Store object", () => {
    const ssm = "arn:aws:ssm:eu-west-1:333333333333:parameter/hc-prod/payments/x";
    const vs = violationsOf("SEC-002", [tenantNs("payments"), spc("payments", {}, { usePodIdentity: "true", objects: `- objectName: "${ssm}"\n` })]);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("is a ssmparameter object");
    // A Secrets Manager name that merely contains such text is a Secrets Manager object of its tenant.
    const odd = `hc-prod/payments/arn:aws:ssm:copy`;
    expect(violationsOf("SEC-002", [tenantNs("payments"), spc("payments", {}, { usePodIdentity: "true", objects: `- objectName: "${odd}"\n` })])).toEqual([]);
    const arn = "arn:aws:secretsmanager:eu-west-1:333333333333:secret:hc-prod/payments/db-AbCdEf";
    expect(violationsOf("SEC-002", [tenantNs("payments"), spc("payments", {}, { usePodIdentity: "true", objects: `- objectName: "${arn}"\n` })])).toEqual([]);
  });
});

describe("SEC-002 objects reader (parseSecretObjects)", () => {
  it("reads a single mapping without a list dash", () => {
    expect(parseSecretObjects("objectName: p/t/a\nobjectType: secretsmanager\n")).toEqual([{ objectName: "p/t/a", objectType: "secretsmanager" }]);
  });

  it("keeps the outer entry's keys after a nested jmesPath list", () => {
    const text = "- objectName: p/t/a\n  jmesPath:\n    - path: username\n      objectAlias: user\n  objectType: secretsmanager\n- objectName: p/t/b\n";
    expect(parseSecretObjects(text)).toEqual([{ objectName: "p/t/a", objectType: "secretsmanager" }, { objectName: "p/t/b" }]);
  });

  it("ignores comments, also ones that contain a dash or a commented-out entry", () => {
    const text = "# tenant - payments\n- objectName: p/t/a\n  # objectName: p/other/b\n- objectName: p/t/c\n";
    expect(parseSecretObjects(text).map((o) => o.objectName)).toEqual(["p/t/a", "p/t/c"]);
  });

  it("drops entries without an objectName, in YAML and in JSON", () => {
    expect(parseSecretObjects("- objectType: secretsmanager\n- objectName: p/t/a\n")).toEqual([{ objectName: "p/t/a" }]);
    expect(parseSecretObjects('[{"objectName":"p/t/a"},{"objectType":"secretsmanager"},null,5,{"objectName":7}]')).toEqual([{ objectName: "p/t/a", objectType: undefined }]);
  });

  it("unquotes only values quoted at both ends with the same quote", () => {
    const one = (v: string) => parseSecretObjects(`- objectName: ${v}\n`)[0].objectName;
    expect(one('"p/t/a"')).toBe("p/t/a");
    expect(one("'p/t/a'")).toBe("p/t/a");
    expect(one('"p/t/a')).toBe('"p/t/a');
    expect(one('p/t/a"')).toBe('p/t/a"');
    expect(one("'p/t/a")).toBe("'p/t/a");
    expect(one("p/t/a'")).toBe("p/t/a'");
    expect(one("\"p/t/a'")).toBe("\"p/t/a'");
    // A double-quoted value that is not valid JSON keeps its text between the quotes.
    expect(one('"p/t/\\q"')).toBe("p/t/\\q");
  });

  it("does not take other keys that start like objectName as objectName", () => {
    expect(parseSecretObjects("- objectName: p/t/a\n  objectNameSuffix: p/other/b\n")).toEqual([{ objectName: "p/t/a" }]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// SEC-001 and the IAM reader
// ---------------------------------------------------------------------------------------------------------

const ROLE = "aws:iam/role:Role";
const ROLE_POLICY = "aws:iam/rolePolicy:RolePolicy";
const ATTACH = "aws:iam/rolePolicyAttachment:RolePolicyAttachment";
const trust = (...statements: object[]) => JSON.stringify({ Version: "2012-10-17", Statement: statements });
const podsTrust = { Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] };
const role = (name: string, assumeRolePolicy: unknown = trust(podsTrust)) => resource(ROLE, name, { name, assumeRolePolicy });
const policyOn = (r: StackResource, statements: object[], name = `${r.name}-p`) =>
  resource(ROLE_POLICY, name, { role: r.props.name, policy: JSON.stringify({ Version: "2012-10-17", Statement: statements }) }, { propertyDependencies: { role: [r.urn] } });
const readAll = { Effect: "Allow", Action: "secretsmanager:GetSecretValue", Resource: "*" };

describe("SEC-001: action patterns that cover a secret read", () => {
  it.each([
    ["secretsmanager:GetSecretValue", true],
    ["secretsmanager:GetSecretValu?", true],
    ["SecretsManager:getsecretvalue", true],
    ["secretsmanager:*", true],
    ["*", true],
    ["secretsmanager:Get+SecretValue", false],
    ["secretsmanager:ListSecrets", false],
    ["secretsmanager:GetSecretValue2", false],
  ])("%s covers a read: %s", (pattern, covers) => {
    expect(coversSecretRead(pattern)).toBe(covers);
  });

  it("flags a statement where one of several actions reads secrets", () => {
    const r = role("app");
    const vs = violationsOf("SEC-001", [r, policyOn(r, [{ Effect: "Allow", Action: ["logs:PutLogEvents", "secretsmanager:GetSecretValue"], Resource: "*" }])]);
    expect(messages(vs)).toContain("grants Secrets Manager reads on *");
  });

  it("flags NotAction even on the tenant's own prefix, and ignores Deny statements", () => {
    const r = role("app");
    const own = "arn:aws:secretsmanager:eu-west-1:333333333333:secret:hc-prod/payments/*";
    const vs = violationsOf("SEC-001", [r, policyOn(r, [{ Effect: "Allow", NotAction: "iam:*", Resource: own }])]);
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("NotAction/NotResource");
    expect(violationsOf("SEC-001", [r, policyOn(r, [{ ...readAll, Effect: "Deny" }])])).toEqual([]);
  });
});

describe("SEC-001: which roles are pod identity roles", () => {
  it("finds the Pod Identity principal in any Allow statement, and among several services", () => {
    const r = role("app", trust({ Effect: "Allow", Action: "sts:AssumeRole" }, { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" }, podsTrust));
    expect(violationsOf("SEC-001", [r, policyOn(r, [readAll])])).toHaveLength(1);
    const both = role("both", trust({ Effect: "Allow", Principal: { Service: ["ec2.amazonaws.com", "pods.eks.amazonaws.com"] }, Action: "sts:AssumeRole" }));
    expect(violationsOf("SEC-001", [both, policyOn(both, [readAll])])).toHaveLength(1);
  });

  it("does not judge roles whose trust denies Pod Identity or cannot be read", () => {
    const denied = role("denied", trust({ ...podsTrust, Effect: "Deny" }));
    expect(violationsOf("SEC-001", [denied, policyOn(denied, [readAll])])).toEqual([]);
    const garbled = role("garbled", "{not json");
    expect(violationsOf("SEC-001", [garbled, policyOn(garbled, [readAll])])).toEqual([]);
  });

  it("skips a RolePolicy document that is not a policy, and names the RolePolicy of an unknown one", () => {
    const r = role("app");
    const garbled = resource(ROLE_POLICY, "garbled", { role: "app", policy: "{not json" }, { propertyDependencies: { role: [r.urn] } });
    expect(violationsOf("SEC-001", [r, garbled])).toEqual([]);
    const unknownDoc = previewed(resource(ROLE_POLICY, "later", { role: "app", policy: S }, { propertyDependencies: { role: [r.urn] } }));
    const vs = violationsOf("SEC-001", [r, unknownDoc]);
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify RolePolicy later.policy");
  });

  it("treats only the broad Secrets Manager managed policies as reads, matched on the policy name", () => {
    const r = role("app");
    const attach = (policyArn: string) => resource(ATTACH, "att", { role: "app", policyArn }, { propertyDependencies: { role: [r.urn] } });
    expect(violationsOf("SEC-001", [r, attach("arn:aws:iam::aws:policy/AmazonS3ReadOnlyAccess")])).toEqual([]);
    expect(violationsOf("SEC-001", [r, attach("arn:aws:iam::aws:policy/NotSecretsManagerReadWrite")])).toEqual([]);
    expect(violationsOf("SEC-001", [r, attach("arn:aws:iam::aws:policy/AWSSecretsManagerClientReadOnlyAccess")])).toHaveLength(1);
  });
});

// ---------------------------------------------------------------------------------------------------------
// ING-001 / ING-002
// ---------------------------------------------------------------------------------------------------------

const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const lbPolicy = (props: Record<string, unknown>) => resource(NETPOL, "np", props);

describe("ING-001: absent and unknown fields", () => {
  it("passes IngressClassParams, Ingresses and Services without spec, metadata or annotations", () => {
    expect(violationsOf("ING-001", resource(INGRESS_CLASS_PARAMS_TYPE, "p", {}))).toEqual([]);
    expect(violationsOf("ING-001", resource(INGRESS_CLASS_PARAMS_TYPE, "p", { spec: { scheme: "internal" }, metadata: {} }))).toEqual([]);
    expect(violationsOf("ING-001", resource("kubernetes:networking.k8s.io/v1:Ingress", "i", {}))).toEqual([]);
    expect(violationsOf("ING-001", resource("kubernetes:core/v1:Service", "s", { metadata: {} }))).toEqual([]);
  });

  it("reports an unknown scheme or annotation as 'cannot verify', naming the field", () => {
    const params = violationsOf("ING-001", previewed(resource(INGRESS_CLASS_PARAMS_TYPE, "p", { spec: { scheme: S } })));
    expect(levels(params)).toEqual(["advisory"]);
    expect(params[0].message).toContain("cannot verify spec.scheme / metadata.annotations");
    const ing = violationsOf("ING-001", previewed(resource("kubernetes:networking.k8s.io/v1:Ingress", "i", { metadata: { annotations: O } })));
    expect(levels(ing)).toEqual(["advisory"]);
    expect(ing[0].message).toContain('cannot verify metadata.annotations["alb.ingress.kubernetes.io/scheme"]');
  });
});

describe("ING-002: absent and unknown fields", () => {
  it("ignores NetworkPolicies without metadata or spec, and judges the load-balancer policy without spec as empty", () => {
    expect(violationsOf("ING-002", lbPolicy({}))).toEqual([]);
    expect(violationsOf("ING-002", lbPolicy({ metadata: { name: LB_INGRESS_POLICY_NAME } }))).toEqual([]);
  });

  it("reports an unknown name or spec as 'cannot verify'", () => {
    const vs = violationsOf("ING-002", previewed(lbPolicy({ metadata: { name: S }, spec: {} })));
    expect(levels(vs)).toEqual(["advisory"]);
    expect(vs[0].message).toContain("cannot verify metadata.name / spec");
  });

  it("flags policyTypes Egress even without egress rules", () => {
    const vs = violationsOf("ING-002", lbPolicy({ metadata: { name: LB_INGRESS_POLICY_NAME }, spec: { policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ ipBlock: { cidr: "10.0.0.0/19" } }], ports: [{ port: 8080 }] }] } }));
    expect(messages(vs)).toContain("spec has egress");
  });

  it("reports null rules, ports and peers instead of failing on them", () => {
    const vs = violationsOf("ING-002", lbPolicy({ metadata: { name: LB_INGRESS_POLICY_NAME }, spec: { policyTypes: ["Ingress"], ingress: [null, { ports: [null], from: [null] }] } }));
    const text = messages(vs);
    expect(text).toContain("spec.ingress[0] lists no ports");
    expect(text).toContain("spec.ingress[0] has no from");
    expect(text).toContain("spec.ingress[1].ports[0].port is undefined");
    expect(text).toContain("spec.ingress[1].from[0] is not an ipBlock");
    expect(vs.every((v) => v.level === "mandatory")).toBe(true);
  });
});
