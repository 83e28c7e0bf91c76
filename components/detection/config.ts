/**
 * Stack config for detection (`detection:` in a stack file): alert subscribers, audit-signal tuning, the
 * Container Insights add-on and GuardDuty. Parse with {@link parseDetectionConfig} for named-field errors.
 */
import { z } from "zod";
import { KMS_ARN } from "./args-error";
import { AUDIT_SIGNALS } from "./audit-signals";

/** Render zod issues as `root.path[0].field: message` lines. */
export function formatConfigIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => `${issue.path.reduce<string>((acc, p) => (typeof p === "number" ? `${acc}[${p}]` : `${acc}.${p}`), root)}: ${issue.message}`)
    .join("\n");
}

const signalNames = AUDIT_SIGNALS.map((s) => s.name) as [string, ...string[]];

const signalOverride = z
  .object({
    threshold: z.number().int().min(1, "use a count >= 1"),
    period: z.number().int().refine((p) => p === 10 || p === 30 || (p >= 60 && p % 60 === 0), "use 10, 30 or a multiple of 60 seconds"),
    evaluationPeriods: z.number().int().min(1),
  })
  .partial()
  .strict();

/** Schema of the `detection` stack config object. */
export const detectionConfigSchema = z
  .object({
    /** E-mail subscribers of the alert topic. */
    alertEmails: z.array(z.string().email("use an e-mail address such as secops@example.com")).default([]),
    /** HTTPS webhook subscribers (incident tooling). */
    alertWebhooks: z.array(z.string().url().startsWith("https://", "use an https:// URL")).default([]),
    /** Customer KMS key for the topic; omit to create a dedicated key. */
    topicKmsKeyArn: z.string().regex(KMS_ARN, "use a KMS key ARN (arn:aws:kms:<region>:<account>:key/<id>), never alias/aws/sns").optional(),
    /** Roles whose bindings alarm (default cluster-admin, admin, edit, system:masters). */
    privilegedRoles: z.array(z.string().regex(/^[^"\\\s]+$/, "role names cannot contain quotes or spaces")).min(1).optional(),
    /** Namespaces whose NetworkPolicy changes do not alarm. */
    platformNamespaces: z.array(z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, "use a namespace name")).optional(),
    /** Threshold/period tuning by audit signal name. */
    signalOverrides: z.record(z.enum(signalNames, { message: `use one of ${signalNames.join(", ")}` }), signalOverride).optional(),
    /** Pinned amazon-cloudwatch-observability add-on version. */
    observabilityAddonVersion: z
      .string({ required_error: "pin the amazon-cloudwatch-observability add-on version, e.g. v4.1.0-eksbuild.1" })
      .regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "use an add-on version such as v4.1.0-eksbuild.1"),
    cpuThresholdPercent: z.number().gt(0).lt(100).default(80),
    memoryThresholdPercent: z.number().gt(0).lt(100).default(90),
    containerLogs: z.boolean().default(false),
    guardDuty: z
      .object({
        /** Default: on in prod, off elsewhere. Prod cannot turn it off (reuse an org detector with detectorId instead). */
        enabled: z.boolean().optional(),
        /**
         * Configure an existing detector instead of creating one: GuardDuty allows one detector per account and
         * region, so an account that already has one (its own, or an organisation's delegated admin) must pass
         * its id (`aws guardduty list-detectors`), else `pulumi up` fails creating a second one (N6).
         */
        detectorId: z.string().regex(/^[0-9a-f]{32}$/, "use the 32-hex-character detector id").optional(),
        /** Pinned `aws-guardduty-agent` EKS add-on version (we install the agent; required when GuardDuty is on). */
        agentAddonVersion: z.string().regex(/^v\d+\.\d+\.\d+-eksbuild\.\d+$/, "use an add-on version such as v1.12.1-eksbuild.2").optional(),
        minSeverity: z.number().min(1).max(10).default(4),
      })
      .strict()
      .default({}),
  })
  .strict();

/** Why `guardDuty.agentAddonVersion` is needed, and the fix. */
export const GUARDDUTY_AGENT_VERSION_REQUIRED =
  "is required when GuardDuty is on: the platform installs the aws-guardduty-agent add-on itself (GuardDuty's automated agent would create an endpoint our egress rules cannot reach); pin a version such as v1.12.1-eksbuild.2";

/** Parsed detection config, with GuardDuty's `enabled` resolved for the stack. */
export type DetectionConfig = Omit<z.infer<typeof detectionConfigSchema>, "guardDuty"> & {
  readonly guardDuty: z.infer<typeof detectionConfigSchema>["guardDuty"] & { readonly enabled: boolean };
};

/**
 * Parse the `detection` stack config. GuardDuty defaults to on in `prod` and off elsewhere; turning it off
 * in prod is an error. Throws one line per problem: `detection.<field>: <fix>`.
 */
export function parseDetectionConfig(input: unknown, stack: string, root = "detection"): DetectionConfig {
  const parsed = detectionConfigSchema.safeParse(input ?? {});
  if (!parsed.success) throw new Error(formatConfigIssues(parsed.error, root));
  const prod = stack === "prod";
  if (prod && parsed.data.guardDuty.enabled === false) {
    throw new Error(`${root}.guardDuty.enabled: GuardDuty EKS protection cannot be off in prod; set guardDuty.detectorId to reuse an existing (e.g. organisation) detector instead`);
  }
  const enabled = parsed.data.guardDuty.enabled ?? prod;
  if (enabled && parsed.data.guardDuty.agentAddonVersion === undefined) {
    throw new Error(`${root}.guardDuty.agentAddonVersion: ${GUARDDUTY_AGENT_VERSION_REQUIRED}`);
  }
  return { ...parsed.data, guardDuty: { ...parsed.data.guardDuty, enabled } };
}
