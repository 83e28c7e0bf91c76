/**
 * Tenant configuration: the zod schema of one tenant (one entry of the stack config's `tenants: [...]`, or the
 * args of one `new Tenant(...)`), plus a list schema that checks tenants against each other. Every error names
 * the field and the fix. Weakening anything (PSA level, NodePort/LoadBalancer quota, egress) needs a written
 * justification.
 */
import { z } from "zod";
import { RESERVED_NAMESPACES, TIERS } from "../../policy-pack/baseline/labels";
import { dns1123LabelError, TENANT_ROLES, type TenantRole } from "../../policy-pack/baseline/tenancy";
import { MIN_JUSTIFICATION_LENGTH } from "../../policy-pack/core/exemptions";
import { secretNamesOutsideTenant, tenantSecretsOptionSchema } from "../secrets/config";

/** Tenant names that would make an EKS-reserved Kubernetes group (`system:*`, `eks:*`, `amazon:*`). */
export const RESERVED_TENANT_NAMES = ["system", "eks", "amazon", "aws"] as const;

/** Quota keys that open a tenant to the outside; raising them above 0 is a weakening. */
export const EXTERNAL_SERVICE_QUOTA_KEYS = ["services.nodeports", "services.loadbalancers"] as const;

/** CIDRs that mean "anywhere". */
export const ANY_DESTINATION_CIDRS = ["0.0.0.0/0", "::/0"] as const;

const IAM_PRINCIPAL_ARN = /^arn:aws[a-z-]*:iam::\d{12}:(role|user)\/[\w+=,.@/-]+$/;
const QUANTITY = /^[+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+|Ki|Mi|Gi|Ti|Pi|Ei|m|k|M|G|T|P|E)?$/;
const QUOTA_KEY = /^([a-z0-9.-]+\/)?[a-z0-9.-]+$/;
const PSS_VERSION = /^v1\.[0-9]+$/;
const IPV4_CIDR = /^(25[0-5]|2[0-4]\d|1?\d?\d)(\.(25[0-5]|2[0-4]\d|1?\d?\d)){3}\/(3[0-2]|[12]?\d)$/;
const IPV6_CIDR = /^[0-9a-fA-F:]+:[0-9a-fA-F:]*\/(12[0-8]|1[01]\d|[1-9]?\d)$/;

const justification = z
  .string({ required_error: `write a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters` })
  .trim()
  .min(MIN_JUSTIFICATION_LENGTH, `write a justification of at least ${MIN_JUSTIFICATION_LENGTH} characters saying why`);

const dns1123 = (what: string) =>
  z.string({ required_error: `set ${what} (a DNS-1123 label such as "team-a")` }).superRefine((value, ctx) => {
    const error = dns1123LabelError(what, value);
    if (error) ctx.addIssue({ code: z.ZodIssueCode.custom, message: error });
  });

const namespaceName = dns1123("namespace").superRefine((value, ctx) => {
  if ((RESERVED_NAMESPACES as readonly string[]).includes(value) || value.startsWith("kube-")) {
    ctx.addIssue({
      code: z.ZodIssueCode.custom,
      message: `namespace "${value}" is reserved for the platform (${RESERVED_NAMESPACES.join(", ")}, kube-*): pick a tenant-specific name`,
    });
  }
});

const quantity = z.string().regex(QUANTITY, "use a Kubernetes quantity such as \"4\", \"500m\" or \"8Gi\"");
const compute = z.object({ cpu: quantity, memory: quantity }).strict();

const principals = z
  .array(z.string().regex(IAM_PRINCIPAL_ARN, "use an IAM role or user ARN such as arn:aws:iam::123456789012:role/team-a-admins"))
  .default([]);

/** One egress allowlist entry: a destination CIDR, its ports, and why the tenant needs it. */
export const egressRuleSchema = z
  .object({
    cidr: z.string().refine((c) => IPV4_CIDR.test(c) || IPV6_CIDR.test(c), "use a CIDR such as 10.20.0.0/16"),
    ports: z
      .array(
        z
          .object({
            port: z.number().int().min(1).max(65535),
            protocol: z.enum(["TCP", "UDP", "SCTP"]).default("TCP"),
          })
          .strict(),
      )
      .min(1, "list at least one port: an allowlist entry never opens every port"),
    justification,
  })
  .strict();

/** A written-down decision to run a tenant below Pod Security `restricted`. */
export const podSecurityWeakeningSchema = z.object({ level: z.enum(["baseline", "privileged"]), justification }).strict();

/** Schema of one tenant's config. Parse with {@link parseTenantConfig} for named-field errors. */
export const tenantConfigSchema = z
  .object({
    /** Tenant name: a DNS-1123 label; also the prefix of its Kubernetes groups `<name>:<role>`. */
    name: dns1123("name").refine((n) => !(RESERVED_TENANT_NAMES as readonly string[]).includes(n), {
      message: `name is reserved (${RESERVED_TENANT_NAMES.join(", ")}): EKS rejects groups with that prefix; pick another`,
    }),
    /** The tenant's namespaces (one or more; unique across the cluster). */
    namespaces: z.array(namespaceName).min(1, "list at least one namespace"),
    tier: z.enum(TIERS).default("standard"),
    /** Pod Security Standards version pinned on every PSA label, e.g. `v1.33` (never `latest`). */
    pssVersion: z
      .string({ required_error: 'set pssVersion to the cluster minor, e.g. "v1.33"' })
      .regex(PSS_VERSION, 'pin pssVersion to the cluster minor, e.g. "v1.33" ("latest" silently changes policy on upgrade)'),
    /** Quota preset; `quota` overrides single keys. */
    size: z.enum(["small", "medium", "large"]).default("small"),
    quota: z
      .record(z.string().regex(QUOTA_KEY, 'use a ResourceQuota key such as "requests.cpu" or "count/secrets"'), quantity)
      .default({}),
    /** Required when `quota` raises `services.nodeports` or `services.loadbalancers` above 0. */
    quotaJustification: justification.optional(),
    limits: z.object({ default: compute, defaultRequest: compute, max: compute }).partial().strict().default({}),
    /** Run below `restricted` (advisory in the pack, exempted with this justification). */
    podSecurity: podSecurityWeakeningSchema.optional(),
    egress: z.array(egressRuleSchema).default([]),
    /** IAM principal ARNs per tenant role; each gets an EKS access entry in group `<name>:<role>`. */
    roles: z.object({ admin: principals, developer: principals, viewer: principals }).strict().default({}),
    /** Secrets Manager secrets the tenant's pods mount on demand (components/secrets). */
    secrets: tenantSecretsOptionSchema.optional(),
  })
  .strict()
  .superRefine((tenant, ctx) => {
    if (tenant.secrets) {
      for (const o of secretNamesOutsideTenant(tenant.name, tenant.secrets)) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["secrets", "names", o.index], message: `secret "${o.name}" is outside the tenant's prefix <prefix>/${tenant.name}/: its second segment must be the tenant name` });
      }
    }
    duplicates(tenant.namespaces).forEach((i) =>
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["namespaces", i], message: `namespace "${tenant.namespaces[i]}" is listed twice` }),
    );
    for (const key of EXTERNAL_SERVICE_QUOTA_KEYS) {
      const value = tenant.quota[key];
      if (value !== undefined && !/^[+]?0*(\.0*)?$/.test(value) && !tenant.quotaJustification) {
        ctx.addIssue({
          code: z.ZodIssueCode.custom,
          path: ["quotaJustification"],
          message: `quota["${key}"] = "${value}" lets the tenant expose services outside the cluster: set quotaJustification (at least ${MIN_JUSTIFICATION_LENGTH} characters) or keep it "0"`,
        });
      }
    }
    const seen = new Map<string, TenantRole>();
    for (const role of TENANT_ROLES) {
      tenant.roles[role].forEach((arn, i) => {
        const first = seen.get(arn);
        if (first) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: ["roles", role, i],
            message: `principal ${arn} is already a tenant ${first}: EKS allows one access entry per principal; keep it in one role`,
          });
        } else seen.set(arn, role);
      });
    }
  });

/** One tenant's config as written (defaults optional). */
export type TenantConfigInput = z.input<typeof tenantConfigSchema>;
/** One tenant's config after defaults. */
export type TenantConfig = z.output<typeof tenantConfigSchema>;

/** The stack config's `tenants: [...]`: each entry valid, names, namespaces and principals unique across tenants. */
export const tenantsConfigSchema = z.array(tenantConfigSchema).superRefine((tenants, ctx) => {
  const names = new Map<string, number>();
  const namespaces = new Map<string, string>();
  const principals = new Map<string, string>();
  tenants.forEach((tenant, t) => {
    if (names.has(tenant.name)) {
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: [t, "name"], message: `tenant name "${tenant.name}" is used twice` });
    }
    names.set(tenant.name, t);
    tenant.namespaces.forEach((ns, i) => {
      const owner = namespaces.get(ns);
      if (owner !== undefined && owner !== tenant.name) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, path: [t, "namespaces", i], message: `namespace "${ns}" already belongs to tenant "${owner}"` });
      }
      namespaces.set(ns, tenant.name);
    });
    for (const role of TENANT_ROLES) {
      tenant.roles[role].forEach((arn, i) => {
        const owner = principals.get(arn);
        if (owner !== undefined && owner !== tenant.name) {
          ctx.addIssue({
            code: z.ZodIssueCode.custom,
            path: [t, "roles", role, i],
            message: `principal ${arn} already has an access entry through tenant "${owner}": EKS allows one per principal`,
          });
        }
        principals.set(arn, tenant.name);
      });
    }
  });
});

function duplicates(values: readonly string[]): number[] {
  return values.flatMap((v, i) => (values.indexOf(v) < i ? [i] : []));
}

/** Render zod issues as `root.path.to[0].field: message` lines. */
export function formatIssues(error: z.ZodError, root: string): string {
  return error.issues
    .map((issue) => {
      const path = issue.path.reduce<string>((acc, part) => (typeof part === "number" ? `${acc}[${part}]` : `${acc}.${part}`), root);
      const message =
        issue.code === "unrecognized_keys" ? `unknown field(s) ${issue.keys.join(", ")}: remove them (see TenantConfig)` : issue.message;
      return `${path}: ${message}`;
    })
    .join("\n");
}

/** Parse one tenant's config; throws an Error naming every bad field (`<root>.<field>: <fix>`). */
export function parseTenantConfig(input: unknown, root = "tenant"): TenantConfig {
  const result = tenantConfigSchema.safeParse(input);
  if (!result.success) throw new Error(`invalid tenant config:\n${formatIssues(result.error, root)}`);
  return result.data;
}

/** Parse a list of tenants; throws an Error naming every bad field (`tenants[1].namespaces[0]: ...`). */
export function parseTenantsConfig(input: unknown, root = "tenants"): TenantConfig[] {
  const result = tenantsConfigSchema.safeParse(input);
  if (!result.success) throw new Error(`invalid tenants config:\n${formatIssues(result.error, root)}`);
  return result.data;
}
