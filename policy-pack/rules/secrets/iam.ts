/**
 * What the `secrets` rules read of IAM: roles EKS Pod Identity may assume, their identity policies, and the
 * Secrets Manager read grants in them.
 */
import { quietGet, UNKNOWN } from "../../core/fields";
import { parsePolicy, statementsOf, stringsIn } from "../../core/arns";
import type { StackResource } from "../../core/rule";
import { grantsOf, ROLE } from "../ordering/joins";

export { ROLE };

/** The EKS Pod Identity service principal. */
export const POD_IDENTITY_SERVICE = "pods.eks.amazonaws.com";

/** Secrets Manager actions that read a secret value or its metadata. */
export const SECRET_READ_ACTIONS = ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret", "secretsmanager:BatchGetSecretValue"] as const;

/** AWS managed policies that grant Secrets Manager reads on every secret of the account. */
export const BROAD_SECRETS_MANAGED_POLICIES = ["SecretsManagerReadWrite", "AWSSecretsManagerClientReadOnlyAccess"] as const;

/** True when an IAM action pattern (wildcards `*`/`?`, case-insensitive) covers a Secrets Manager read action. */
export function coversSecretRead(pattern: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, "\\$&").replace(/\*/g, ".*").replace(/\?/g, ".")}$`, "i");
  return SECRET_READ_ACTIONS.some((a) => re.test(a));
}

/** Whether a role's trust policy lets EKS Pod Identity assume it: yes, no, or unknown at preview. */
export function trustsPodIdentity(role: StackResource): boolean | typeof UNKNOWN {
  const doc = quietGet(role.props, "assumeRolePolicy");
  if (doc === UNKNOWN) return UNKNOWN;
  const policy = parsePolicy(doc);
  if (!policy) return false;
  return statementsOf(policy).some((st) => st.Effect === "Allow" && stringsIn((st.Principal as Record<string, unknown> | undefined)?.Service).some((s) => s.value === POD_IDENTITY_SERVICE));
}

/** One identity policy document of a role, with where it comes from (for messages). */
export interface RolePolicyDoc {
  readonly source: string;
  readonly urn: string;
  readonly doc: unknown;
}

/** The inline policies of a role: its `inlinePolicies` and the RolePolicy resources joined to it. */
export function inlinePoliciesOf(role: StackResource, resources: readonly StackResource[]): RolePolicyDoc[] {
  // `inlinePolicies` is a computed output that a real preview leaves unknown when the program never set it, so an
  // unknown list is read as none (a program that sets it passes literal documents, which are judged).
  const own = quietGet(role.props, "inlinePolicies");
  const docs: RolePolicyDoc[] = [];
  if (Array.isArray(own)) own.forEach((p, i) => docs.push({ source: `${role.name}.inlinePolicies[${i}]`, urn: role.urn, doc: quietGet(p, "policy") }));
  for (const g of grantsOf(role, resources)) {
    if (g.type === "aws:iam/rolePolicy:RolePolicy") docs.push({ source: `RolePolicy ${g.name}`, urn: g.urn, doc: quietGet(g.props, "policy") });
    else {
      const arn = quietGet(g.props, "policyArn");
      if (typeof arn === "string" && BROAD_SECRETS_MANAGED_POLICIES.some((p) => arn.endsWith(`:policy/${p}`))) {
        docs.push({ source: `${g.name} (managed ${arn})`, urn: g.urn, doc: { Statement: [{ Effect: "Allow", Action: "secretsmanager:*", Resource: "*" }] } });
      }
    }
  }
  return docs;
}
