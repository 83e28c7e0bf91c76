/**
 * Stack config for the tenant registry (`registry:` in a stack file). Parse with
 * {@link parseRegistryConfig} for named-field errors.
 */
import { z } from "zod";
import { IAM_PRINCIPAL_ARN, KMS_ARN } from "../detection/args-error";
import { formatConfigIssues } from "../detection/config";

const principalArn = z
  .string()
  .regex(IAM_PRINCIPAL_ARN, "use an IAM role ARN such as arn:aws:iam::123456789012:role/ci-push (no wildcards)")
  .refine((a) => !a.includes("*") && !a.includes("?"), "wildcards are not allowed: name each role, e.g. arn:aws:iam::123456789012:role/ci-push");
const repositoryName = z
  .string()
  .regex(/^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/, "use an ECR repository name such as team-a/api (lower case, digits, . _ - /)");

/** Schema of the `registry` stack config object. */
export const registryConfigSchema = z
  .object({
    /** Repositories to create. */
    repositories: z.array(repositoryName).min(1, "list at least one repository, e.g. [\"team-a/api\"]"),
    /** CI principals allowed to push (everyone else is denied push). */
    ciPushPrincipalArns: z.array(principalArn).min(1, "list the CI role ARNs that push images"),
    /** Other principals allowed to pull (the node role is added by the platform). */
    extraPullPrincipalArns: z.array(principalArn).default([]),
    /** Customer KMS key for the repositories; the platform passes its own key when omitted. */
    kmsKeyArn: z.string().regex(KMS_ARN, "use a KMS key ARN").refine((a) => !a.includes("alias/aws/"), "use a customer-managed key, not an AWS-managed alias").optional(),
    untaggedExpiryDays: z.number().int().min(1).max(365).default(7),
    /** How many ephemeral build images (tags starting with ephemeralTagPrefixes) to keep; release tags never expire. */
    keepImages: z.number().int().min(1).max(10000).default(100),
    /** Tag prefixes of throw-away builds that keepImages counts (default pr-, dev-, ci-). */
    ephemeralTagPrefixes: z.array(z.string().regex(/^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/, "use the start of an image tag such as pr- (letters, digits, _ . -)")).min(1).optional(),
    /** Account-wide ECR enhanced scanning (Amazon Inspector). */
    enhancedScanning: z.boolean().default(false),
  })
  .strict()
  .superRefine((cfg, ctx) => {
    const seen = new Set<string>();
    cfg.repositories.forEach((r, i) => {
      if (seen.has(r)) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["repositories", i], message: `repository "${r}" is listed twice` });
      seen.add(r);
    });
  });

/** Parsed registry config. */
export type RegistryConfig = z.infer<typeof registryConfigSchema>;

/** Parse the `registry` stack config; throws one `registry.<field>: <fix>` line per problem. */
export function parseRegistryConfig(input: unknown, root = "registry"): RegistryConfig {
  const parsed = registryConfigSchema.safeParse(input ?? {});
  if (!parsed.success) throw new Error(formatConfigIssues(parsed.error, root));
  return parsed.data;
}
