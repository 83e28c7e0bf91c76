import { z } from "zod";
import { SIGNATURE_VALIDITY_TYPES, SIGNING_PROFILE_ARN, SIGNING_PROFILE_NAME } from "../policy-pack/baseline/signing";

/**
 * Stack config of image signing (`hardened-cluster:signing`): the AWS Signer profile of the environment,
 * the repositories CI signs, and in-cluster verification (docs/signing.md). Cross-checks against the rest
 * of the config (repositories must be the registry's) are in {@link checkSigningConfig}.
 */
const justification = z.string().trim().min(20, "justification must say why in at least 20 characters");

/** Schema of `hardened-cluster:signing`. */
export const signingConfigSchema = z
  .object({
    /** Signing profile name (2-64 letters, digits, _). Default `<clusterName with _ for ->_images`. */
    profileName: z.string().regex(SIGNING_PROFILE_NAME, "must be 2-64 letters, digits and _ (AWS Signer rejects hyphens), e.g. hc_prod_images").optional(),
    /** Validity of signatures made with the profile. Default 12 MONTHS. */
    signatureValidity: z
      .object({ value: z.number().int().min(1), type: z.enum(SIGNATURE_VALIDITY_TYPES) })
      .strict()
      .refine((v) => v.value <= { DAYS: 4110, MONTHS: 135, YEARS: 11 }[v.type], { message: "exceeds Signer's maximum of 135 months", path: ["value"] })
      .default({ value: 12, type: "MONTHS" }),
    /** Registry repositories CI signs and the cluster verifies (default: all of `registry.repositories`). */
    repositories: z.array(z.string().min(1)).min(1).optional(),
    verification: z
      .object({
        /** Install Kyverno + kyverno-notation-aws and enforce signatures in tenant namespaces. */
        enabled: z.boolean(),
        /** Why verification is off (required with enabled: false). */
        justification: justification.optional(),
        /** Exact chart versions. */
        kyvernoChartVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "must be an exact chart version such as 3.8.2").default("3.8.2"),
        notationAwsChartVersion: z.string().regex(/^\d+\.\d+\.\d+$/, "must be an exact chart version such as 1.1.0").default("1.1.0"),
        /**
         * Extra Helm values per release, merged over the platform's (e.g. the controllers' image repositories when a
         * private-only VPC pulls them from an ECR mirror instead of ghcr.io / reg.kyverno.io).
         */
        extraValues: z.object({ kyverno: z.record(z.unknown()).default({}), notationAws: z.record(z.unknown()).default({}) }).strict().default({}),
        /** Further signing profiles the trust policies trust (e.g. an organisation's shared profile). */
        additionalTrustedProfileArns: z.array(z.string().regex(SIGNING_PROFILE_ARN, "must be a signing profile ARN such as arn:aws:signer:eu-west-1:123456789012:/signing-profiles/org_images")).default([]),
      })
      .strict()
      .refine((v) => v.enabled || v.justification !== undefined, { message: "is required with enabled: false (say why images run unverified here)", path: ["justification"] }),
  })
  .strict();

/** Validated signing config. */
export type SigningConfig = z.infer<typeof signingConfigSchema>;

/** The parts of the platform config signing is checked against. */
interface SigningContext {
  readonly environment: string;
  readonly clusterName: string;
  readonly signing?: SigningConfig;
  readonly registry?: { readonly repositories: readonly string[] };
  readonly addonPorts: readonly { readonly name: string; readonly enabled: boolean; readonly protocol: string; readonly port: number }[];
}

/** Kyverno's admission webhook port (the API server calls it from the cluster security group). */
export const KYVERNO_WEBHOOK_PORT = 9443;

/** Cross-checks of `signing` (every issue names its path under `hardened-cluster:signing`). */
export function checkSigningConfig(c: SigningContext, ctx: z.RefinementCtx): void {
  const s = c.signing;
  if (!s) return;
  if (!c.registry) {
    ctx.addIssue({ code: "custom", path: ["signing"], message: "signs the registry's repositories, but hardened-cluster:registry is not configured", params: { fix: "configure hardened-cluster:registry, or remove hardened-cluster:signing" } });
    return;
  }
  const known = new Set(c.registry.repositories);
  (s.repositories ?? []).forEach((r, i) => {
    if (!known.has(r)) ctx.addIssue({ code: "custom", path: ["signing", "repositories", i], message: `"${r}" is not a repository of hardened-cluster:registry.repositories (${[...known].join(", ")})`, params: { fix: "list only repositories the registry creates, or add it to registry.repositories" } });
  });
  if (s.verification.enabled && !c.addonPorts.some((a) => a.enabled && a.protocol === "tcp" && a.port === KYVERNO_WEBHOOK_PORT)) {
    ctx.addIssue({
      code: "custom",
      path: ["addonPorts"],
      message: `has no enabled tcp ${KYVERNO_WEBHOOK_PORT} entry, but signing.verification installs Kyverno, whose admission webhook the API server calls on ${KYVERNO_WEBHOOK_PORT}`,
      params: { fix: `add { name: kyverno, enabled: true, port: ${KYVERNO_WEBHOOK_PORT}, justification: ... } (one entry per port: an existing ${KYVERNO_WEBHOOK_PORT} entry also serves Kyverno)` },
    });
  }
  if (c.environment === "prod" && !s.verification.enabled) {
    ctx.addIssue({ code: "custom", path: ["signing", "verification", "enabled"], message: "cannot be false in prod: unsigned images would run in tenant namespaces", params: { fix: "set enabled: true" } });
  }
}

/** The effective signing profile name of a cluster. */
export function signingProfileName(clusterName: string, signing: SigningConfig): string {
  return signing.profileName ?? `${clusterName.replace(/-/g, "_")}_images`;
}
