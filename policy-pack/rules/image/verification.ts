/**
 * Reading Kyverno ClusterPolicies as image-signature verification policies, for IMG-004 and IMG-005. A rule
 * verifies signatures when it has `verifyImages` entries or calls an image-verification service (a context
 * `apiCall.service.url` ending in `/checkimages`, the kyverno-notation-aws extension). It is enforcing when
 * its failure action is `Enforce` (rule-level `validate.failureAction` / `verifyImages[].failureAction`, else
 * the deprecated `spec.validationFailureAction`; Kyverno's default is `Audit`) and the webhook fails closed
 * (`spec.webhookConfiguration.failurePolicy`, else the deprecated `spec.failurePolicy`; default `Fail`).
 */
import { VERIFIER } from "../../baseline/signing";

/** One verifying rule of a ClusterPolicy and how it is enforced. */
export interface VerifyingRule {
  readonly name: string;
  /** The `spec.rules[i]` path, for messages. */
  readonly path: string;
  readonly enforced: boolean;
  readonly failurePolicy: string;
  readonly raw: Record<string, any>;
}

const isEnforce = (v: unknown): boolean => typeof v === "string" && v.toLowerCase() === "enforce";

/** Whether a Kyverno rule verifies image signatures (verifyImages, or a call to a `/checkimages` service). */
export function isVerifyingRule(rule: any): boolean {
  if (!rule || typeof rule !== "object") return false;
  if (Array.isArray(rule.verifyImages) && rule.verifyImages.length > 0) return true;
  return (Array.isArray(rule.context) ? rule.context : []).some((c: any) => typeof c?.apiCall?.service?.url === "string" && c.apiCall.service.url.endsWith(VERIFIER.checkPath));
}

/** The verifying rules of a ClusterPolicy's `spec`, with their effective enforcement. */
export function verifyingRules(spec: any): VerifyingRule[] {
  const rules: any[] = Array.isArray(spec?.rules) ? spec.rules : [];
  const specAction = spec?.validationFailureAction;
  const configured = spec?.webhookConfiguration?.failurePolicy ?? spec?.failurePolicy;
  const failurePolicy = typeof configured === "string" ? configured : "Fail";
  return rules.flatMap((rule, i) => {
    if (!isVerifyingRule(rule)) return [];
    const actions: unknown[] = Array.isArray(rule.verifyImages) && rule.verifyImages.length > 0 ? rule.verifyImages.map((v: any) => v?.failureAction ?? specAction) : [rule.validate?.failureAction ?? specAction];
    const enforced = actions.every(isEnforce);
    return [{ name: String(rule.name ?? `#${i}`), path: `spec.rules[${i}]`, enforced, failurePolicy, raw: rule }];
  });
}

function selectorMatches(selector: any, labels: Readonly<Record<string, string>>): boolean {
  if (selector === undefined || selector === null) return true;
  for (const [k, v] of Object.entries(selector.matchLabels ?? {})) if (labels[k] !== v) return false;
  for (const e of selector.matchExpressions ?? []) {
    const has = e.key in labels;
    const values: string[] = e.values ?? [];
    if (e.operator === "Exists" && !has) return false;
    if (e.operator === "DoesNotExist" && has) return false;
    if (e.operator === "In" && !(has && values.includes(labels[e.key]))) return false;
    if (e.operator === "NotIn" && has && values.includes(labels[e.key])) return false;
  }
  return true;
}

/** Whether one `match`/`exclude` resource filter selects Pods in `namespace` (labels of that namespace). */
function filterSelects(filter: any, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  const res = filter?.resources;
  if (!res) return false;
  const kinds: string[] = Array.isArray(res.kinds) ? res.kinds : [];
  if (!kinds.some((k) => k === "Pod" || k === "v1/Pod" || k === "*")) return false;
  if (Array.isArray(res.namespaces) && res.namespaces.length > 0 && !res.namespaces.includes(namespace)) return false;
  return selectorMatches(res.namespaceSelector, labels);
}

/** Whether a `match` (any/all) or `exclude` block selects Pods in the namespace. */
function blockSelects(block: any, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  if (!block) return false;
  if (Array.isArray(block.any) && block.any.length > 0) return block.any.some((f: any) => filterSelects(f, namespace, labels));
  if (Array.isArray(block.all) && block.all.length > 0) return block.all.every((f: any) => filterSelects(f, namespace, labels));
  return filterSelects(block, namespace, labels);
}

/** Whether a verifying rule applies to Pods created in `namespace` (with that namespace's labels). */
export function ruleCoversNamespace(rule: VerifyingRule, namespace: string, labels: Readonly<Record<string, string>>): boolean {
  return blockSelects(rule.raw.match, namespace, labels) && !blockSelects(rule.raw.exclude, namespace, labels);
}
