/**
 * The platform config's `secrets` block (components/secrets/config.ts) and its cross-checks against the rest of
 * the config: where tenants declare their secrets in each layout, the name prefix, and role-name lengths.
 */
import { z } from "zod";
import { roleNameProblem, secretsConfigSchema } from "../components/secrets/config";
import { namesOutsidePrefix } from "../components/secrets/validate";

/** The `secrets` key of the platform config (optional: no driver, no reader roles when absent). */
export const secretsConfigShape = { secrets: secretsConfigSchema.optional() };

/** What {@link checkSecretsConfig} reads of the platform config. */
interface SecretsConfigView {
  readonly clusterName: string;
  readonly deployer?: { readonly enabled: boolean };
  readonly secrets?: z.output<typeof secretsConfigSchema>;
  readonly tenants: readonly { readonly name: string; readonly secrets?: { readonly names: readonly string[] } }[];
}

/** The name prefix of tenant secrets: `secrets.prefix`, else the cluster name. */
export function secretsPrefixOf(c: Pick<SecretsConfigView, "clusterName" | "secrets">): string {
  return c.secrets?.prefix ?? c.clusterName;
}

/** Cross-checks of `secrets` (called from the platform schema's superRefine). */
export function checkSecretsConfig(c: SecretsConfigView, ctx: z.RefinementCtx): void {
  const split = c.deployer?.enabled === true;
  const prefix = secretsPrefixOf(c);
  if (!split && (c.secrets?.tenants.length ?? 0) > 0) {
    ctx.addIssue({
      code: "custom",
      path: ["secrets", "tenants"],
      message: "lists reader grants, but without the deployer the tenants are in this stack and declare their own secrets",
      params: { fix: "remove secrets.tenants and set hardened-cluster:tenants[<i>].secrets.names instead" },
    });
  }
  c.tenants.forEach((t, i) => {
    if (!t.secrets) return;
    if (c.secrets?.enabled !== true) {
      ctx.addIssue({
        code: "custom",
        path: ["tenants", i, "secrets"],
        message: "needs the Secrets Store CSI driver and reader roles, which are off",
        params: { fix: "set hardened-cluster:secrets.enabled: true with providerAddonVersion, or remove the tenant's secrets" },
      });
    }
    for (const o of namesOutsidePrefix(t.name, prefix, t.secrets)) {
      ctx.addIssue({
        code: "custom",
        path: ["tenants", i, "secrets", "names", o.index],
        message: `"${o.name}" is outside the tenant's prefix ${prefix}/${t.name}/, the only secrets its role may read`,
        params: { fix: `rename it ${prefix}/${t.name}/<name> (or change hardened-cluster:secrets.prefix)` },
      });
    }
    const problem = roleNameProblem(c.clusterName, t.name);
    if (problem) ctx.addIssue({ code: "custom", path: ["tenants", i, "name"], message: problem, params: { fix: "use a shorter tenant or cluster name" } });
  });
  c.secrets?.tenants.forEach((g, i) => {
    const problem = roleNameProblem(c.clusterName, g.name);
    if (problem) ctx.addIssue({ code: "custom", path: ["secrets", "tenants", i, "name"], message: problem, params: { fix: "use a shorter tenant or cluster name" } });
  });
}
