/**
 * What EKS-008 and EKS-009/009X share: which access entries and access policy associations make a principal
 * cluster-admin, and how a cluster-admin role's trust policy proves MFA (EKS-009).
 */
import { quietGet, UNKNOWN, type Maybe } from "../../core/fields";
import type { ResourceUnderTest } from "../../core/rule";
import { EKS_TYPES } from "./types";

/** `AmazonEKSClusterAdminPolicy` (cluster-admin in any scope). */
export const ADMIN_POLICY = /cluster-access-policy\/AmazonEKSClusterAdminPolicy$/;
/** `AmazonEKSAdminPolicy`: cluster-admin-like when its scope is the whole cluster. */
export const NAMESPACE_ADMIN_POLICY = /cluster-access-policy\/AmazonEKSAdminPolicy$/;

/**
 * Whether `resource` grants its principal cluster-admin: an association of AmazonEKSClusterAdminPolicy (or
 * AmazonEKSAdminPolicy at cluster scope), or an access entry in `system:masters`. `unknown` when a deciding
 * value is unknown at preview; `via` says how, for messages.
 */
export function clusterAdminGrant(resource: ResourceUnderTest): { admin: boolean | typeof UNKNOWN; via: string } {
  if (resource.type === EKS_TYPES.accessEntry) {
    const groups = quietGet(resource.props, "kubernetesGroups");
    if (groups === UNKNOWN) return { admin: UNKNOWN, via: "kubernetesGroups" };
    return { admin: Array.isArray(groups) && groups.includes("system:masters"), via: "kubernetesGroups system:masters" };
  }
  if (resource.type !== EKS_TYPES.accessPolicyAssociation) return { admin: false, via: "" };
  const policyArn = quietGet(resource.props, "policyArn");
  if (policyArn === UNKNOWN) return { admin: UNKNOWN, via: "policyArn" };
  if (typeof policyArn !== "string") return { admin: false, via: "" };
  if (ADMIN_POLICY.test(policyArn)) return { admin: true, via: "AmazonEKSClusterAdminPolicy" };
  if (!NAMESPACE_ADMIN_POLICY.test(policyArn)) return { admin: false, via: "" };
  const scope = quietGet(resource.props, "accessScope.type");
  if (scope === UNKNOWN) return { admin: UNKNOWN, via: "accessScope.type" };
  return { admin: scope === "cluster", via: "AmazonEKSAdminPolicy with accessScope.type cluster" };
}

type Statement = { Effect?: unknown; Principal?: unknown; NotPrincipal?: unknown; Action?: unknown; NotAction?: unknown; Condition?: unknown };

const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const ASSUME_ACTIONS = /^(sts:(AssumeRole|AssumeRoleWithSAML|AssumeRoleWithWebIdentity|\*|AssumeRole\*)|\*)$/i;

/** The value of condition `key` under operator `operator` (operator exact, key case-insensitive, as IAM matches them). */
function conditionValues(condition: unknown, operator: string, key: string): unknown[] | undefined {
  if (!condition || typeof condition !== "object") return undefined;
  const block = (condition as Record<string, unknown>)[operator];
  if (!block || typeof block !== "object") return undefined;
  const hit = Object.entries(block as Record<string, unknown>).find(([k]) => k.toLowerCase() === key.toLowerCase());
  return hit ? list(hit[1]) : undefined;
}

/**
 * Why a trust policy lets someone assume the role without a fresh MFA sign-in (empty = every Allow statement
 * that admits an assume demands `Bool aws:MultiFactorAuthPresent true` and `NumericLessThan(Equals)
 * aws:MultiFactorAuthAge` at most `maxAge`). Statements for AWS services or federated (SAML/OIDC) principals
 * are problems too: they cannot present an MFA device through these keys.
 */
export function mfaTrustProblems(trust: unknown, maxAge: number): string[] {
  if (!trust || typeof trust !== "object") return ["the trust policy is not a policy document"];
  const problems: string[] = [];
  list((trust as { Statement?: unknown }).Statement).forEach((raw, i) => {
    const s = (raw ?? {}) as Statement;
    if (s.Effect !== "Allow") return;
    const actions = s.NotAction !== undefined ? ["*"] : list(s.Action);
    if (!actions.some((a) => typeof a === "string" && ASSUME_ACTIONS.test(a))) return;
    const where = `Statement[${i}]`;
    const principal = s.NotPrincipal !== undefined ? "*" : s.Principal;
    const kinds = principal === "*" ? ["AWS"] : principal && typeof principal === "object" ? Object.keys(principal) : [];
    for (const kind of kinds.filter((k) => k !== "AWS")) {
      problems.push(`${where} admits ${kind} principals (${list((principal as Record<string, unknown>)[kind]).join(", ")}), which cannot present MFA`);
    }
    if (!kinds.includes("AWS")) return;
    const present = conditionValues(s.Condition, "Bool", "aws:MultiFactorAuthPresent");
    if (!present || present.length === 0 || !present.every((v) => v === true || String(v).toLowerCase() === "true")) {
      problems.push(`${where} has no Bool aws:MultiFactorAuthPresent = true (BoolIfExists also admits long-term access keys)`);
    }
    const ages = [...(conditionValues(s.Condition, "NumericLessThanEquals", "aws:MultiFactorAuthAge") ?? []), ...(conditionValues(s.Condition, "NumericLessThan", "aws:MultiFactorAuthAge") ?? [])];
    if (ages.length === 0) problems.push(`${where} has no NumericLessThanEquals aws:MultiFactorAuthAge limit (an MFA sign-in from days ago would do)`);
    else if (!ages.every((v) => Number.isFinite(Number(v)) && Number(v) <= maxAge)) problems.push(`${where} admits aws:MultiFactorAuthAge up to ${ages.join(", ")} seconds, above config adminMfaMaxAgeSeconds ${maxAge}`);
  });
  return problems;
}

/** The trust document of a role (`assumeRolePolicy`: JSON text or object), `UNKNOWN` at preview, or `undefined` when unreadable. */
export function trustDocumentOf(role: ResourceUnderTest): Maybe<unknown> {
  const value = quietGet(role.props, "assumeRolePolicy");
  if (value === UNKNOWN) return UNKNOWN;
  if (typeof value === "string") {
    try {
      return JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  return value ?? undefined;
}
