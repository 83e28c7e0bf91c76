import { tenantOfSecretName } from "../../baseline/secrets";
import { parsePolicy, statementsOf, stringsIn } from "../../core/arns";
import { UNKNOWN } from "../../core/fields";
import { stackRule } from "../../core/rule";
import { cannotVerify } from "../../core/unknowns";
import { coversSecretRead, inlinePoliciesOf, ROLE, trustsPodIdentity } from "./iam";

/**
 * SEC-001: a role that EKS Pod Identity assumes for pods reads Secrets Manager secrets of one tenant prefix only.
 * A pod identity role is handed to whatever runs as the associated ServiceAccount, so a grant on `*`, on a
 * wildcard prefix or on several tenants' prefixes lets one tenant's pod read another's secrets.
 */
export const sec001 = stackRule({
  id: "SEC-001",
  name: "pod-identity-secrets-tenant-scoped",
  description:
    "An IAM role trusted by EKS Pod Identity (pods.eks.amazonaws.com) grants Secrets Manager reads (GetSecretValue, DescribeSecret, BatchGetSecretValue, or a wildcard covering them) only on secret ARNs under one `<prefix>/<tenant>/` name prefix: never on `*`, a wildcard prefix, NotResource, several tenants, or through SecretsManagerReadWrite-style managed policies.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["secrets", "iam", "aws"],
  seed: ["S1 §5.12", "S1 §5.5"],
  upstream: "https://docs.aws.amazon.com/secretsmanager/latest/userguide/auth-and-access_iam-policies.html · https://docs.aws.amazon.com/eks/latest/userguide/pod-id-role.html",
  remediation:
    'Scope the statement to one tenant: Resource "arn:aws:secretsmanager:<region>:<account>:secret:<prefix>/<tenant>/*" with Action ["secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"] (components/secrets TenantSecretsAccess), one role per tenant.',
  resourceTypes: [ROLE, "aws:iam/rolePolicy:RolePolicy", "aws:iam/rolePolicyAttachment:RolePolicyAttachment"],
  check(resources, report) {
    for (const role of resources.filter((r) => r.type === ROLE)) {
      const trusted = trustsPodIdentity(role);
      if (trusted !== true) continue; // unknown trust: another rule family reports it; not a pod identity role otherwise
      const docs = inlinePoliciesOf(role, resources);
      const tenants = new Set<string>();
      for (const d of docs) {
        if (d.doc === UNKNOWN) {
          report({ ...cannotVerify(`${d.source}.policy`), urn: d.urn });
          continue;
        }
        const policy = parsePolicy(d.doc);
        if (!policy) continue;
        statementsOf(policy).forEach((st, i) => {
          if (st.Effect !== "Allow") return;
          const actions = [...stringsIn(st.Action), ...stringsIn(st.NotAction)].map((a) => a.value);
          const reads = st.NotAction !== undefined ? true : actions.some(coversSecretRead);
          if (!reads) return;
          const where = `${d.source} Statement[${i}]`;
          if (st.NotResource !== undefined || st.NotAction !== undefined) {
            report({ urn: d.urn, message: `pod identity role ${role.name}: ${where} grants Secrets Manager reads through NotAction/NotResource, i.e. on secrets outside any tenant prefix` });
            return;
          }
          for (const { value } of stringsIn(st.Resource)) {
            const owner = /:secret:/.test(value) ? tenantOfSecretName(value) : undefined;
            if (!owner) {
              report({ urn: d.urn, message: `pod identity role ${role.name}: ${where} grants Secrets Manager reads on ${value}, not on one tenant's <prefix>/<tenant>/* secrets` });
              continue;
            }
            tenants.add(`${owner.prefix}/${owner.tenant}`);
          }
        });
      }
      if (tenants.size > 1) {
        report({ urn: role.urn, message: `pod identity role ${role.name} reads the secrets of several tenant prefixes (${[...tenants].sort().join(", ")}): one tenant's pods could read another's` });
      }
    }
  },
});
