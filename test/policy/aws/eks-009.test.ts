/**
 * EKS-009 (mandatory): a cluster-admin grant to a role of the stack needs an MFA-demanding trust policy;
 * EKS-009X (advisory): external principals (trust not visible) and config-exempt principals are reported.
 */
import { mfaAdminTrustPolicy } from "../../../components/admin-access/trust";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";
import { advisory, mandatory, runCases, type RuleCase } from "./cases";

const ROLE = "aws:iam/role:Role";
const ENTRY = "aws:eks/accessEntry:AccessEntry";
const ASSOC = "aws:eks/accessPolicyAssociation:AccessPolicyAssociation";
const ADMIN = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSClusterAdminPolicy";
const VIEW = "arn:aws:eks::aws:cluster-access-policy/AmazonEKSViewPolicy";
const ACCOUNT = "111122223333";
const ARN = (name: string) => `arn:aws:iam::${ACCOUNT}:role/${name}`;
const USER = `arn:aws:iam::${ACCOUNT}:user/breakglass-alice`;

const trust = (condition: Record<string, unknown> | undefined, principal: Record<string, unknown> = { AWS: `arn:aws:iam::${ACCOUNT}:root` }) =>
  JSON.stringify({ Version: "2012-10-17", Statement: [{ Effect: "Allow", Principal: principal, Action: "sts:AssumeRole", ...(condition ? { Condition: condition } : {}) }] });
const MFA = { Bool: { "aws:MultiFactorAuthPresent": "true" }, NumericLessThanEquals: { "aws:MultiFactorAuthAge": "3600" } };

const role = (name: string, assumeRolePolicy: string | object) => resource(ROLE, name, { name, arn: ARN(name), assumeRolePolicy });
const assoc = (principalArn: string, policyArn = ADMIN, extra = {}) => resource(ASSOC, `assoc-${principalArn.split("/").pop()}`, { clusterName: "c", principalArn, policyArn, accessScope: { type: "cluster" } }, extra);
/** A grant joined to its role by property dependency (principalArn = role.arn, unknown at preview). */
const assocByDep = (r: ReturnType<typeof role>) => resource(ASSOC, "assoc-dep", { clusterName: "c", principalArn: ARN(r.name), policyArn: ADMIN, accessScope: { type: "cluster" } }, { propertyDependencies: { principalArn: [r.urn] } });

const component = mfaAdminTrustPolicy({ trustedPrincipalArns: [USER], maxMfaAgeSeconds: 900 });

const cases: RuleCase[] = [
  { title: "EKS-009 ✔ MfaAdminRole trust (component's own document)", rule: "EKS-009", target: [role("admin", component), assoc(ARN("admin"))], expect: null },
  { title: "EKS-009 ✔ MFA with NumericLessThan at the configured age", rule: "EKS-009", target: [role("admin", trust({ Bool: { "aws:MultiFactorAuthPresent": true }, NumericLessThan: { "aws:multifactorauthage": 900 } })), assoc(ARN("admin"))], config: { adminMfaMaxAgeSeconds: 900 }, expect: null },
  { title: "EKS-009 ✔ joined by property dependency", rule: "EKS-009", target: (() => { const r = role("admin", trust(MFA)); return [r, assocByDep(r)]; })(), expect: null },
  { title: "EKS-009 ✔ a view policy needs no MFA", rule: "EKS-009", target: [role("viewer", trust(undefined)), assoc(ARN("viewer"), VIEW)], expect: null },
  { title: "EKS-009 ✔ external principal is EKS-009X's", rule: "EKS-009", target: [role("other", trust(undefined)), assoc(ARN("external-admin"))], expect: null },
  { title: "EKS-009 ✔ service role exempt by config", rule: "EKS-009", target: [role("deployer", trust(undefined, { Service: "codebuild.amazonaws.com" })), assoc(ARN("deployer"))], config: { mfaExemptAdminPrincipals: [{ name: ARN("deployer"), justification: "bootstrap only, CodeBuild cannot present MFA" }] }, expect: null },
  { title: "EKS-009 ✘ trust without any condition", rule: "EKS-009", target: [role("admin", trust(undefined)), assoc(ARN("admin"))], expect: mandatory("aws:MultiFactorAuthPresent") },
  { title: "EKS-009 ✘ MFA present but no age limit", rule: "EKS-009", target: [role("admin", trust({ Bool: MFA.Bool })), assoc(ARN("admin"))], expect: mandatory("aws:MultiFactorAuthAge limit") },
  { title: "EKS-009 ✘ BoolIfExists admits access keys", rule: "EKS-009", target: [role("admin", trust({ BoolIfExists: MFA.Bool, NumericLessThanEquals: MFA.NumericLessThanEquals })), assoc(ARN("admin"))], expect: mandatory("BoolIfExists") },
  { title: "EKS-009 ✘ MFA age above config", rule: "EKS-009", target: [role("admin", trust({ Bool: MFA.Bool, NumericLessThanEquals: { "aws:MultiFactorAuthAge": "86400" } })), assoc(ARN("admin"))], expect: mandatory("adminMfaMaxAgeSeconds 3600") },
  { title: "EKS-009 ✘ MultiFactorAuthPresent false", rule: "EKS-009", target: [role("admin", trust({ Bool: { "aws:MultiFactorAuthPresent": "false" }, NumericLessThanEquals: MFA.NumericLessThanEquals })), assoc(ARN("admin"))], expect: mandatory("aws:MultiFactorAuthPresent = true") },
  {
    title: "EKS-009 ✘ second statement without MFA",
    rule: "EKS-009",
    target: [
      role("admin", { Version: "2012-10-17", Statement: [JSON.parse(trust(MFA)).Statement[0], { Effect: "Allow", Principal: { AWS: USER }, Action: ["sts:AssumeRole", "sts:TagSession"] }] }),
      assoc(ARN("admin")),
    ],
    expect: mandatory("Statement[1]"),
  },
  { title: "EKS-009 ✘ service principal (not exempt)", rule: "EKS-009", target: [role("deployer", trust(undefined, { Service: "codebuild.amazonaws.com" })), assoc(ARN("deployer"))], expect: mandatory("Service principals") },
  { title: "EKS-009 ✘ SAML federation", rule: "EKS-009", target: [role("sso", trust(undefined, { Federated: `arn:aws:iam::${ACCOUNT}:saml-provider/idp` })), assoc(ARN("sso"))], expect: mandatory("Federated principals") },
  { title: "EKS-009 ✘ joined by property dependency, no MFA", rule: "EKS-009", target: (() => { const r = role("admin", trust(undefined)); return [r, assocByDep(r)]; })(), expect: mandatory("role admin") },
  {
    title: "EKS-009 ✘ AmazonEKSAdminPolicy at cluster scope",
    rule: "EKS-009",
    target: [role("admin", trust(undefined)), assoc(ARN("admin"), "arn:aws:eks::aws:cluster-access-policy/AmazonEKSAdminPolicy")],
    expect: mandatory("AmazonEKSAdminPolicy with accessScope.type cluster"),
  },
  { title: "EKS-009 ✘ system:masters access entry", rule: "EKS-009", target: [role("admin", trust(undefined)), resource(ENTRY, "e", { clusterName: "c", principalArn: ARN("admin"), kubernetesGroups: ["system:masters"] })], expect: mandatory("system:masters") },
  { title: "EKS-009 ✘ unparseable trust", rule: "EKS-009", target: [role("admin", "{not json"), assoc(ARN("admin"))], expect: mandatory("not a JSON policy document") },
  { title: "EKS-009X ✔ stack role", rule: "EKS-009X", target: [role("admin", component), assoc(ARN("admin"))], expect: null },
  { title: "EKS-009X ✔ non-admin grant to an external principal", rule: "EKS-009X", target: [assoc(ARN("external"), VIEW)], expect: null },
  { title: "EKS-009X ✘ external principal", rule: "EKS-009X", target: [assoc(ARN("external-admin"))], expect: advisory("external-admin") },
  {
    title: "EKS-009X ✘ exempt principal stays visible",
    rule: "EKS-009X",
    target: [role("deployer", trust(undefined, { Service: "codebuild.amazonaws.com" })), assoc(ARN("deployer"))],
    config: { mfaExemptAdminPrincipals: [{ name: "deployer", justification: "bootstrap only, CodeBuild cannot present MFA" }] },
    expect: advisory("bootstrap only"),
  },
];

describe("EKS-009 / EKS-009X", () => runCases(cases));

describe("EKS-009 defers what is unknown at preview (advisory cannot-verify, never a mandatory violation or silence)", () => {
  const S = sdkProxy.unknownStringValue;
  it.each([
    ["principalArn unknown, no property dependency", [role("admin", trust(undefined)), assoc(S)], "principalArn"],
    ["the role's trust unknown", [role("admin", S), assoc(ARN("admin"))], "role admin assumeRolePolicy"],
    ["policyArn unknown", [role("admin", trust(undefined)), assoc(ARN("admin"), S)], "policyArn"],
  ] as const)("%s", (_title, target, field) => {
    const vs = violationsOf("EKS-009", [...target].map(previewed));
    expect(vs.filter((v) => v.level === "mandatory")).toEqual([]);
    expect(vs.map((v) => [v.level, v.message.includes(`cannot verify ${field}`)])).toEqual([["advisory", true]]);
  });
});
