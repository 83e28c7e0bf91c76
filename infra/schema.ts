import { z } from "zod";
import { LABEL_PREFIX } from "../policy-pack/baseline/labels";
import { DEFAULT_PACK_CONFIG } from "../policy-pack/core/config";
import { EKS_DEFAULT_SERVICE_CIDRS, hasHostBits, isPrivateIpv4Cidr, isWorldCidr, networkCidr, parseIpv4Cidr } from "../components/network/cidr";
import { ec2DescriptionWordCharacters } from "../components/firewall/description";
import { podEgressFor, unreachableTenantEgress } from "./tenant-egress";
import { portRow, SELF_MANAGED_ONLY_PORTS } from "../policy-pack/baseline/ports";
import { cidrOverlaps } from "../policy-pack/core/cidr";
import { CALENDAR_AS_OF, DEFAULT_KUBERNETES_VERSION, PLATFORM_MIN_KUBERNETES_VERSION, versionAtLeast } from "../components/cluster/version";
import { detectionConfigSchema, GUARDDUTY_AGENT_VERSION_REQUIRED } from "../components/detection/config";
import { registryConfigSchema } from "../components/registry/config";
import { tenantsConfigSchema } from "../components/tenant/config";
import { KMS_KEY_ARN_PATTERN, parseEcrImage, SECRET_ARN_PATTERN } from "../components/deployer/arns";
import { AUTOSCALING_ROLE_MODES } from "../components/kms/policy";
import { adminRolesConfigSchema, adminRolesIssues } from "./schema-admin-roles";
import { checkSecretsConfig, secretsConfigShape } from "./schema-secrets";
import { checkSigningConfig, signingConfigSchema } from "./schema-signing";
import { ingressConfigSchema, platformIngressIssues } from "./schema-ingress";
import { autoscalerConfigSchema, checkPools } from "./schema-pools";

/**
 * The stack configuration schema (namespace `hardened-cluster`), in one place.
 * Extend it by adding keys to {@link platformConfigShape}; unknown keys are rejected (strict).
 */

const justification = z.string().trim().min(20, "justification must say why in at least 20 characters");

/**
 * A justification that ends up in an EC2 security-group rule description. Free text is sanitised to the EC2
 * character set by the Firewall (`ec2Description`: an apostrophe is dropped, `&` becomes "and"), so it is not
 * rejected for punctuation; it is rejected only when too little of it survives to say why.
 */
const descriptionJustification = justification.refine((j) => ec2DescriptionWordCharacters(j) >= 20, {
  message: "must keep at least 20 letters or digits that an EC2 security-group rule description accepts (a-z, A-Z, 0-9; other scripts are dropped)",
  params: { fix: "write the justification in Latin letters and digits: it becomes the EC2 rule description" },
});

const ipv4Cidr = (c: string): boolean => {
  try {
    parseIpv4Cidr(c);
    return true;
  } catch {
    return false;
  }
};

const cidr = z
  .string()
  .refine(ipv4Cidr, "must be an IPv4 CIDR like 10.0.0.0/16")
  .superRefine((c, ctx) => {
    // A /0 is reported as the world where that matters (trustedCidr), not twice.
    if (ipv4Cidr(c) && !isWorldCidr(c) && hasHostBits(c)) ctx.addIssue({ code: "custom", message: `has host bits set; EC2 and EKS take the network address ${networkCidr(c)}`, params: { fix: `write ${networkCidr(c)}` } });
  });

const trustedCidr = cidr.refine((c) => !isWorldCidr(c), "must not be 0.0.0.0/0 or any /0: list office/VPN CIDRs only");

/** The NodePort row of the port table: add-on webhook ports must not fall inside it. */
const NODEPORT = portRow("nodeport");

const addonVersion = z.string().regex(/^v\d+\.\d+\.\d+(-eksbuild\.\d+)?$/, "must be a pinned add-on version like v1.20.4-eksbuild.1");

/** One node pool's settings. */
export const poolSchema = z
  .object({
    instanceTypes: z.array(z.string().min(1)).min(1),
    minSize: z.number().int().min(0),
    maxSize: z.number().int().min(1),
    desiredSize: z.number().int().min(0),
    amiType: z
      .string()
      .refine((a) => !a.startsWith("AL2_") && DEFAULT_PACK_CONFIG.allowedAmiTypes.some((p) => a.startsWith(p)), "must be an AL2023_* or BOTTLEROCKET_* AMI type (AL2 is end of life)")
      .optional(),
    diskSizeGiB: z.number().int().min(20).max(16384).default(50),
    metadataHopLimit: z.literal(1, { errorMap: () => ({ message: "must be 1: a second hop lets pods read the node's IAM credentials (NODE-001)" }) }).default(1),
    capacityType: z.enum(["ON_DEMAND", "SPOT"]).default("ON_DEMAND"),
  })
  .strict()
  .refine((p) => p.minSize <= p.desiredSize && p.desiredSize <= p.maxSize, { message: "sizes must satisfy minSize <= desiredSize <= maxSize", path: ["desiredSize"] });

/** Every key of the `hardened-cluster` namespace. Add new top-level keys here. */
export const platformConfigShape = {
  environment: z.enum(["dev", "staging", "prod"]),
  clusterName: z.string().regex(/^[a-z][a-z0-9-]{1,38}$/, "must be lower-case letters, digits and hyphens (2-39 characters)"),
  accountId: z.string().regex(/^\d{12}$/, "must be the 12-digit AWS account id (quote it in YAML)"),
  /** Default: the newest minor in EKS standard support (components/cluster/version.ts). */
  kubernetesVersion: z
    .string()
    .regex(/^\d+\.\d+$/, `must be a quoted major.minor like "${DEFAULT_KUBERNETES_VERSION}"`)
    .refine((v) => !/^\d+\.\d+$/.test(v) || versionAtLeast(v, PLATFORM_MIN_KUBERNETES_VERSION), `must be at least ${PLATFORM_MIN_KUBERNETES_VERSION}: older minors are out of EKS standard support (${CALENDAR_AS_OF})`)
    .default(DEFAULT_KUBERNETES_VERSION),
  network: z
    .object({
      cidr,
      podCidr: cidr.default("100.64.0.0/16"),
      availabilityZones: z.array(z.string().regex(/^[a-z]{2}-[a-z]+-\d[a-z]$/, "must be AZ names like eu-west-1a")).min(2).max(3),
      privateOnly: z.boolean().default(false),
      singleNatGateway: z.boolean().default(false),
      /**
       * This account's buckets (besides the deployer's state and S3 source, which are added automatically) that the
       * private-only VPC may reach through the S3 gateway endpoint, whose policy admits nothing else but ECR layers.
       */
      s3Buckets: z.array(z.string().regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, "must be an S3 bucket name (lower-case letters, digits, dots, hyphens; 3-63 characters)")).default([]),
    })
    .strict(),
  endpoint: z
    .object({
      publicAccess: z.boolean().default(false),
      publicAccessCidrs: z.array(trustedCidr).default([]),
      /**
       * CIDRs (VPN, office via Direct Connect) allowed to reach the private endpoint (cluster SG, port 443). Only
       * the SG side is modelled: the route from the VPC back to these networks (Transit Gateway, VGW or peering
       * attachment on the private route tables) belongs to the landing zone and must exist before they work.
       */
      privateAccessCidrs: z.array(trustedCidr).default([]),
    })
    .strict()
    .refine((e) => !e.publicAccess || e.publicAccessCidrs.length > 0, { message: "publicAccess needs at least one CIDR; with none EKS opens the API to 0.0.0.0/0", path: ["publicAccessCidrs"] })
    .default({}),
  kms: z
    .object({
      secretsEncryption: z.literal(true, { errorMap: () => ({ message: "must be true: Secrets are always envelope-encrypted with a customer KMS key (EKS-004)" }) }).default(true),
      deletionWindowInDays: z.number().int().min(DEFAULT_PACK_CONFIG.minDeletionWindowDays).max(30).default(30),
      /**
       * The Auto Scaling service-linked role the EBS key policy names: `create` it (fresh account), `import` the
       * account's existing one into the stack, or leave an `existing` one unmanaged (components/kms AUTOSCALING_ROLE_MODES).
       */
      autoscalingServiceLinkedRole: z.enum(AUTOSCALING_ROLE_MODES, { errorMap: () => ({ message: "must be create (fresh account), import or existing (the account already has AWSServiceRoleForAutoScaling)" }) }).default("create"),
      /** Roles that run `pulumi up` (call eks:CreateCluster): only they get CreateGrant on the secrets key; default the account root. */
      clusterCreatorArns: z.array(z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "must be an IAM role ARN such as arn:aws:iam::123456789012:role/platform-deploy")).default([]),
    })
    .strict()
    .default({}),
  logRetentionDays: z
    .number()
    .int()
    .refine((d) => [365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653].includes(d), "must be a CloudWatch retention of at least 365 days (365, 400, 545, 731, 1096, ...)")
    .default(365),
  admins: z
    .array(z.object({ name: z.string().regex(/^[a-z][a-z0-9-]*$/, "must start with a lower-case letter and use only lower-case letters, digits and hyphens"), roleArn: z.string().regex(/^arn:aws[a-z-]*:iam::\d{12}:role\/[\w+=,.@/-]+$/, "must be an IAM role ARN"), justification }).strict())
    .default([]),
  /** Platform-created cluster-admin roles, MFA-gated (infra/schema-admin-roles.ts). */
  adminRoles: adminRolesConfigSchema,
  addons: z
    .object({ vpcCni: addonVersion, coredns: addonVersion, kubeProxy: addonVersion, podIdentityAgent: addonVersion })
    .strict(),
  /**
   * Webhook ports of add-ons the team installs (the platform installs none of them), opened from the cluster SG to
   * the node and pod SGs only while `enabled: true` (= installed). Port-table rows tied to an add-on open with it:
   * `metrics-server` also opens pods -> kubelet 10250 (row `kubelet-pods`).
   */
  addonPorts: z
    .array(
      z
        .object({
          name: z.string().regex(/^[a-z][a-z0-9-]*$/, "must start with a lower-case letter and use only lower-case letters, digits and hyphens"),
          enabled: z.boolean(),
          protocol: z.enum(["tcp", "udp"]).default("tcp"),
          port: z
            .number()
            .int()
            .min(1)
            .max(65535)
            .refine((port) => !SELF_MANAGED_ONLY_PORTS.some((r) => port >= r.fromPort && port <= r.toPort), "is a control-plane port (etcd 2379-2380, 6443, 10257, 10259) that EKS never serves: pick the add-on's webhook port")
            .refine((port) => !(port >= NODEPORT.fromPort && port <= NODEPORT.toPort), `is in the NodePort range ${NODEPORT.fromPort}-${NODEPORT.toPort}, which only load balancers may reach: pick the add-on's webhook port`),
          justification: descriptionJustification,
        })
        .strict(),
    )
    .default([]),
  /**
   * Egress beyond the defaults, opened on the node and pod SGs. Every tenant `egress` destination must be covered
   * here (same protocol, port inside the range, CIDR inside this CIDR): the pod SG is shared by all pods and
   * drops anything else, whatever the tenant's NetworkPolicy says.
   */
  extraEgress: z
    .array(
      z
        .object({
          name: z.string().regex(/^[a-z][a-z0-9-]*$/, "must start with a lower-case letter and use only lower-case letters, digits and hyphens"),
          protocol: z.enum(["tcp", "udp"]),
          fromPort: z.number().int().min(1).max(65535),
          toPort: z.number().int().min(1).max(65535),
          cidr,
          justification: descriptionJustification,
        })
        .strict(),
    )
    .default([]),
  nodePools: z.object({ system: poolSchema, general: poolSchema, sensitive: poolSchema }).strict(),
  /** The Cluster Autoscaler (infra/schema-pools.ts): on by default, so min/desired/max are meaningful. */
  autoscaler: autoscalerConfigSchema,
  /** Session Manager on nodes (a root shell): off by default; opting in needs nodeSsmJustification. */
  nodeSsmAccess: z.boolean().default(false),
  /** Why nodes need Session Manager (required with nodeSsmAccess: true). */
  nodeSsmJustification: justification.optional(),
  deployer: z
    .object({
      enabled: z.boolean(),
      sourceType: z.enum(["GITHUB", "CODECOMMIT", "S3", "BITBUCKET", "GITLAB"]).default("GITHUB"),
      sourceLocation: z.string().min(1),
      programDir: z.string().default("infra/in-cluster"),
      stack: z.string().regex(/^[^/]+\/[^/]+\/[^/]+$/, "must be a fully qualified stack org/project/stack"),
      backendUrl: z.string().regex(/^(https|s3):\/\//, "must be an https:// (Pulumi Cloud) or s3:// backend URL"),
      /** Pinned source version (S3 object version id, commit SHA or tag): builds run the reviewed program. */
      sourceVersion: z.string().min(1).optional(),
      accessTokenSecretArn: z
        .string()
        .regex(SECRET_ARN_PATTERN, "must be the full Secrets Manager secret ARN including the 6-character suffix Secrets Manager appends (…:secret:<name>-AbCdEf); IAM does not match the name alone")
        .optional(),
      /** KMS key of the in-cluster stack's `awskms://` secrets provider (required with an s3:// backend). */
      secretsProviderKeyArn: z.string().regex(KMS_KEY_ARN_PATTERN, "must be a KMS key ARN like arn:aws:kms:<region>:<account>:key/<key-id> (not an alias)").optional(),
      image: z.string().optional(),
      /** First in-cluster deploy only: cluster-admin until the deployer's scoped ClusterRole exists (docs/deploy.md). */
      bootstrapClusterAdmin: z.boolean().default(false),
    })
    .strict()
    .refine((d) => !d.backendUrl.startsWith("https://") || d.accessTokenSecretArn !== undefined, { message: "a Pulumi Cloud backend needs accessTokenSecretArn", path: ["accessTokenSecretArn"] })
    .refine((d) => !d.backendUrl.startsWith("s3://") || d.secretsProviderKeyArn !== undefined, {
      message: "an s3:// backend needs secretsProviderKeyArn (a build cannot type a passphrase)",
      path: ["secretsProviderKeyArn"],
      params: { fix: "create a KMS key for Pulumi secrets (docs/deploy.md step 1) and set its key ARN" },
    })
    .refine((d) => !d.backendUrl.startsWith("s3://") || d.stack.startsWith("organization/"), {
      message: "a DIY (s3://) backend names stacks organization/<project>/<stack>",
      path: ["stack"],
      params: { fix: "use organization/hardened-cluster-in-cluster/<env>" },
    })
    .refine((d) => d.sourceType !== "S3" || /^[a-z0-9.-]{3,63}\/.+\.zip$/.test(d.sourceLocation), { message: "an S3 source must be <bucket>/<key>.zip", path: ["sourceLocation"] })
    .optional(),
  protect: z.boolean().default(false),
  tags: z.record(z.string()).default({}),
  /**
   * Tenants (components/tenant/config.ts). Only where the in-cluster layer runs in this stack (no deployer);
   * with the deployer they belong in the in-cluster program's stack file.
   */
  tenants: tenantsConfigSchema.default([]),
  /** Audit/resource alarms, alert subscribers, GuardDuty (components/detection/config.ts). */
  detection: detectionConfigSchema,
  /** Tenant image repositories (components/registry/config.ts). */
  registry: registryConfigSchema.optional(),
  /** Per-tenant secrets on demand: CSI driver add-on, reader roles (infra/schema-secrets.ts). */
  ...secretsConfigShape,
  /** Image signing (AWS Signer profile) and in-cluster verification (infra/schema-signing.ts). */
  signing: signingConfigSchema.optional(),
  /** Shared ingress: the AWS Load Balancer Controller and the tenants' declared ports (infra/schema-ingress.ts). */
  ingress: ingressConfigSchema,
};

/** Where the in-cluster stack file of an environment lives (relative to the repository root). */
export function inClusterStackFile(environment: string): string {
  return `infra/in-cluster/stacks/Pulumi.${environment}.yaml`;
}

/** The validated platform configuration. */
export const platformConfigSchema = z
  .object(platformConfigShape)
  .strict()
  .superRefine((c, ctx) => {
    checkPools(c, ctx);
    if (c.environment === "prod" && !c.protect) ctx.addIssue({ code: "custom", path: ["protect"], message: "must be true in prod (protects the cluster, KMS keys and log groups)" });
    const region = c.network.availabilityZones[0]?.slice(0, -1);
    c.network.availabilityZones.forEach((az, i) => {
      if (az.slice(0, -1) !== region) ctx.addIssue({ code: "custom", path: ["network", "availabilityZones", i], message: "all AZs must be in one region" });
    });
    // Field refinements are not fatal in zod: only cross-check CIDRs that parsed.
    const cidrsValid = [c.network.cidr, c.network.podCidr].every((x) => {
      try {
        parseIpv4Cidr(x);
        return true;
      } catch {
        return false;
      }
    });
    if (cidrsValid && cidrOverlaps(c.network.cidr, c.network.podCidr)) {
      ctx.addIssue({ code: "custom", path: ["network", "podCidr"], message: `${c.network.podCidr} overlaps the VPC CIDR ${c.network.cidr}; pods need their own secondary range`, params: { fix: "use a separate range such as 100.64.0.0/16" } });
    }
    const serviceOverlap = cidrsValid ? EKS_DEFAULT_SERVICE_CIDRS.find((svc) => cidrOverlaps(c.network.podCidr, svc)) : undefined;
    if (serviceOverlap) {
      ctx.addIssue({
        code: "custom",
        path: ["network", "podCidr"],
        message: `${c.network.podCidr} overlaps ${serviceOverlap}, one of the ranges EKS assigns Service IPs from (${EKS_DEFAULT_SERVICE_CIDRS.join(" or ")})`,
        params: { fix: "use a pod range outside both, such as 100.64.0.0/16" },
      });
    }
    // Same-stack tenants: their egress allowlists must get through the shared pod SG (split stacks: infra/in-cluster).
    if (cidrsValid) {
      for (const u of unreachableTenantEgress(c.tenants, podEgressFor(c))) ctx.addIssue({ code: "custom", path: u.path, message: u.message, params: { fix: u.fix } });
    }
    const prefix = cidrsValid ? parseIpv4Cidr(c.network.cidr).prefix : 16;
    if (prefix < 16 || prefix > 20) ctx.addIssue({ code: "custom", path: ["network", "cidr"], message: `${c.network.cidr} must be a /16 to /20 block`, params: { fix: "use a /16 such as 10.10.0.0/16" } });
    if (cidrsValid && !isPrivateIpv4Cidr(c.network.cidr)) ctx.addIssue({ code: "custom", path: ["network", "cidr"], message: `${c.network.cidr} is not a private (RFC 1918) range`, params: { fix: "use a range inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16" } });
    const uniqueNames = (list: readonly { name: string }[], key: string) => {
      const names = new Set<string>();
      list.forEach((item, i) => {
        if (names.has(item.name)) ctx.addIssue({ code: "custom", path: [key, i, "name"], message: `${item.name} is listed twice`, params: { fix: "give every entry a unique name" } });
        names.add(item.name);
      });
    };
    uniqueNames(c.admins, "admins");
    for (const issue of adminRolesIssues(c)) ctx.addIssue({ code: "custom", path: issue.path, message: issue.message, params: { fix: issue.fix } });
    uniqueNames(c.extraEgress, "extraEgress");
    c.extraEgress.forEach((e, i) => {
      if (e.fromPort > e.toPort) ctx.addIssue({ code: "custom", path: ["extraEgress", i, "toPort"], message: `toPort ${e.toPort} is below fromPort ${e.fromPort}`, params: { fix: "set toPort >= fromPort" } });
    });
    const adminArns = new Set(c.admins.map((a) => a.roleArn));
    c.tenants.forEach((t, i) => {
      for (const role of ["admin", "developer", "viewer"] as const) {
        t.roles[role].forEach((arn, j) => {
          if (adminArns.has(arn)) ctx.addIssue({ code: "custom", path: ["tenants", i, "roles", role, j], message: `${arn} is already a cluster admin (hardened-cluster:admins); EKS allows one access entry per principal`, params: { fix: "use a separate role for tenant access" } });
        });
      }
    });
    const seen = new Set<string>();
    c.addonPorts.forEach((a, i) => {
      if (seen.has(a.name)) ctx.addIssue({ code: "custom", path: ["addonPorts", i, "name"], message: `${a.name} is listed twice` });
      seen.add(a.name);
    });
    if (c.nodeSsmAccess && c.nodeSsmJustification === undefined) {
      ctx.addIssue({ code: "custom", path: ["nodeSsmJustification"], message: "is required with nodeSsmAccess: true (a Session Manager session is a root shell on every node)", params: { fix: "say why nodes need Session Manager in at least 20 characters, or remove nodeSsmAccess" } });
    }
    if (Object.keys(c.tags).some((k) => k.startsWith(LABEL_PREFIX))) ctx.addIssue({ code: "custom", path: ["tags"], message: `keys under ${LABEL_PREFIX} are reserved for the platform` });
    if (c.deployer?.enabled && c.tenants.length > 0) {
      ctx.addIssue({
        code: "custom",
        path: ["tenants"],
        message: "tenants are created by the in-cluster stack when the deployer is enabled (the API is private), so this stack would ignore them",
        params: { fix: `move hardened-cluster:tenants to ${inClusterStackFile(c.environment)}` },
      });
    }
    c.tenants.forEach((t, i) => {
      for (const role of ["admin", "developer", "viewer"] as const) {
        t.roles[role].forEach((arn, j) => {
          if (arn.split(":")[4] !== c.accountId) {
            ctx.addIssue({ code: "custom", path: ["tenants", i, "roles", role, j], message: `principal ${arn} is not in accountId ${c.accountId}: EKS access entries take principals of the cluster's account` });
          }
        });
      }
    });
    if (c.environment === "prod" && c.deployer?.enabled && c.deployer.sourceVersion === undefined) {
      ctx.addIssue({
        code: "custom",
        path: ["deployer", "sourceVersion"],
        message: "must be pinned in prod: an unpinned source runs whatever was last pushed or uploaded, with the deployer's rights",
        params: { fix: "set the reviewed commit SHA, or the S3 object version id of the uploaded zip (docs/deploy.md step 3)" },
      });
    }
    if (c.deployer?.enabled && c.network.privateOnly && !(c.deployer.image && parseEcrImage(c.deployer.image))) {
      ctx.addIssue({
        code: "custom",
        path: ["deployer", "image"],
        message: "must be an ECR image (<account>.dkr.ecr.<region>.amazonaws.com/<repo>:<tag>) with privateOnly networking: the build has no internet to install the CLI, plugins or packages",
        params: { fix: "build the deployer image described in docs/deploy.md and push it to ECR" },
      });
    }
    if (c.environment === "prod" && c.detection.guardDuty.enabled === false) {
      ctx.addIssue({
        code: "custom",
        path: ["detection", "guardDuty", "enabled"],
        message: "GuardDuty EKS protection cannot be off in prod (GD-001)",
        params: { fix: "remove enabled: false, or set detection.guardDuty.detectorId to reuse an existing (e.g. organisation) detector" },
      });
    }
    checkSigningConfig(c, ctx);
    for (const u of platformIngressIssues(c)) ctx.addIssue({ code: "custom", path: u.path, message: u.message, params: { fix: u.fix } });
    if ((c.detection.guardDuty.enabled ?? c.environment === "prod") && c.detection.guardDuty.agentAddonVersion === undefined) {
      ctx.addIssue({ code: "custom", path: ["detection", "guardDuty", "agentAddonVersion"], message: GUARDDUTY_AGENT_VERSION_REQUIRED });
    }
    checkSecretsConfig(c, ctx);
  });

/** Whether GuardDuty EKS protection is on: explicit `detection.guardDuty.enabled`, else on in prod only. */
export function guardDutyEnabled(c: PlatformConfig): boolean {
  return c.detection.guardDuty.enabled ?? c.environment === "prod";
}

/** The validated platform configuration. */
export type PlatformConfig = z.infer<typeof platformConfigSchema>;
/** One validated pool. */
export type PoolConfig = z.infer<typeof poolSchema>;
