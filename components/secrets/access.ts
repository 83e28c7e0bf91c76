/**
 * TenantSecretsAccess (AWS resources): one tenant's on-demand secrets access — its own KMS key for its secrets,
 * a reader role that EKS Pod Identity assumes for the tenant's ServiceAccount, and one Pod Identity association
 * per tenant namespace.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { DEFAULT_PACK_CONFIG } from "../../policy-pack/core/config";
import { dns1123LabelError } from "../../policy-pack/baseline/tenancy";
import { roleNameProblem } from "./config";
import { DEFAULT_SECRETS_SERVICE_ACCOUNT, tenantSecretPrefix, tenantSecretsRoleName } from "./names";
import { readerSecretsPolicy, readerTrustPolicy, tenantKeyPolicy, type TenantSecretsScope } from "./policies";
import { ACCOUNT_ID } from "../detection/args-error";

/** Pulumi type token of the component. */
export const TENANT_SECRETS_ACCESS_TYPE = "hardened-cluster:secrets:TenantSecretsAccess";

/** Arguments of {@link TenantSecretsAccess}. Plain values build names and literal policies before registration. */
export interface TenantSecretsAccessArgs {
  /** 12-digit AWS account id of the cluster (and of the secrets). */
  readonly accountId: string;
  /** AWS region of the cluster and the secrets, e.g. `eu-west-1`. */
  readonly region: string;
  /** Name of the EKS cluster (a literal: it names the role and scopes the trust policy). */
  readonly clusterName: string;
  /** First segment of the tenant's secret names (`<prefix>/<tenant>/…`); one segment, no `/`. */
  readonly prefix: string;
  /** Tenant name (DNS-1123 label); the second segment of its secret names. */
  readonly tenant: string;
  /** The tenant's namespaces: one Pod Identity association each. At least one. */
  readonly namespaces: readonly string[];
  /** The ServiceAccount (in every tenant namespace) whose pods read the secrets. Default `secrets-reader`. */
  readonly serviceAccount?: string;
  /** Days before a scheduled key deletion completes (at least 30). Default 30. */
  readonly deletionWindowInDays?: number;
  /** Production: `protect` and `retainOnDelete` on the key. Default false. */
  readonly protect?: boolean;
  /** AWS tags of the key and role. Default `{}`. */
  readonly tags?: Record<string, string>;
  /**
   * The cluster the associations belong to; default `clusterName`. Pass the cluster's output (e.g.
   * `cluster.clusterName`) so the associations wait for the cluster.
   */
  readonly clusterNameInput?: pulumi.Input<string>;
}

/** Validate before registration; throws naming the field and the fix. */
function validate(name: string, args: TenantSecretsAccessArgs): void {
  const problems: string[] = [];
  const label = (field: string, value: string) => {
    const e = dns1123LabelError(field, value);
    if (e) problems.push(`TenantSecretsAccess(${name}).args.${field}: ${e}`);
  };
  label("tenant", args.tenant);
  label("serviceAccount", args.serviceAccount ?? DEFAULT_SECRETS_SERVICE_ACCOUNT);
  args.namespaces.forEach((ns, i) => label(`namespaces[${i}]`, ns));
  if (args.namespaces.length === 0) problems.push(`TenantSecretsAccess(${name}).args.namespaces: list at least one tenant namespace`);
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(args.prefix)) problems.push(`TenantSecretsAccess(${name}).args.prefix: "${args.prefix}" must be one name segment of lower-case letters, digits and hyphens`);
  if (!ACCOUNT_ID.test(args.accountId)) problems.push(`TenantSecretsAccess(${name}).args.accountId: must be the 12-digit account id`);
  const roleProblem = roleNameProblem(args.clusterName, args.tenant);
  if (roleProblem) problems.push(`TenantSecretsAccess(${name}).args.tenant: ${roleProblem}; use a shorter cluster or tenant name`);
  const window = args.deletionWindowInDays ?? 30;
  if (window < DEFAULT_PACK_CONFIG.minDeletionWindowDays || window > 30) problems.push(`TenantSecretsAccess(${name}).args.deletionWindowInDays: use ${DEFAULT_PACK_CONFIG.minDeletionWindowDays}-30`);
  if (problems.length > 0) throw new Error(problems.join("\n"));
}

/**
 * One tenant's secrets access: a customer-managed KMS key (`alias/<cluster>/<tenant>-secrets`, rotation on) that
 * the tenant's secrets are encrypted with, a reader role assumable only by EKS Pod Identity for the tenant's
 * ServiceAccount in its namespaces, allowed `GetSecretValue`/`DescribeSecret` on `<prefix>/<tenant>/*` (a literal
 * inline policy) and `kms:Decrypt` on its own key through Secrets Manager (granted by that key's policy, which
 * names the role: no identity policy grants any key, so no other tenant's key), and one Pod Identity association
 * per namespace.
 * Writers (whoever creates the secrets) are granted by their own IAM policies; the key lets the account's
 * principals encrypt through Secrets Manager only.
 */
export class TenantSecretsAccess extends pulumi.ComponentResource {
  /** The tenant's secrets key. */
  readonly key: aws.kms.Key;
  /** ARN of the tenant's secrets key (pass it as `KmsKeyId` when creating the tenant's secrets). */
  readonly keyArn: pulumi.Output<string>;
  /** The reader role. */
  readonly role: aws.iam.Role;
  /** ARN of the reader role (deterministic: `arn:aws:iam::<account>:role/<cluster>-<tenant>-secrets`). */
  readonly roleArn: string;
  /** Pod Identity associations, one per namespace. */
  readonly associations: aws.eks.PodIdentityAssociation[];
  /** The name prefix the tenant's secrets must use: `<prefix>/<tenant>/`. */
  readonly secretPrefix: string;

  constructor(name: string, args: TenantSecretsAccessArgs, opts?: pulumi.ComponentResourceOptions) {
    validate(name, args);
    super(TENANT_SECRETS_ACCESS_TYPE, name, {}, opts);
    const serviceAccount = args.serviceAccount ?? DEFAULT_SECRETS_SERVICE_ACCOUNT;
    const scope: TenantSecretsScope = { ...args, serviceAccount };
    const roleName = tenantSecretsRoleName(args.clusterName, args.tenant);
    const tags = { ...args.tags, "hardened-cluster.io/tenant": args.tenant };
    this.roleArn = `arn:aws:iam::${args.accountId}:role/${roleName}`;
    this.secretPrefix = tenantSecretPrefix(args.prefix, args.tenant);

    this.role = new aws.iam.Role(
      `${name}-reader`,
      { name: roleName, description: `Reads ${this.secretPrefix}* secrets for tenant ${args.tenant} pods (EKS Pod Identity)`, assumeRolePolicy: readerTrustPolicy(scope), maxSessionDuration: 3600, tags },
      { parent: this },
    );
    // The key policy names the role, so the role exists first (KMS rejects a policy naming an unknown principal).
    const protect = args.protect === true;
    this.key = new aws.kms.Key(
      `${name}-key`,
      {
        description: `${args.clusterName}: secrets of tenant ${args.tenant} (${this.secretPrefix}*)`,
        enableKeyRotation: true,
        rotationPeriodInDays: 365,
        deletionWindowInDays: args.deletionWindowInDays ?? 30,
        keyUsage: "ENCRYPT_DECRYPT",
        customerMasterKeySpec: "SYMMETRIC_DEFAULT",
        policy: tenantKeyPolicy({ accountId: args.accountId, region: args.region, readerRoleArn: this.roleArn }),
        tags: { ...tags, Name: `${name}-key` },
      },
      { parent: this, dependsOn: [this.role], protect, retainOnDelete: protect },
    );
    new aws.kms.Alias(`${name}-key`, { name: `alias/${args.clusterName}/${args.tenant}-secrets`, targetKeyId: this.key.keyId }, { parent: this });
    this.keyArn = this.key.arn;
    const read = new aws.iam.RolePolicy(`${name}-read`, { role: this.role.name, name: "read-tenant-secrets", policy: readerSecretsPolicy(scope) }, { parent: this });
    const given = opts?.dependsOn;
    const inherited = (Array.isArray(given) ? given : given ? [given] : []) as pulumi.Input<pulumi.Resource>[];
    this.associations = args.namespaces.map(
      (namespace) =>
        new aws.eks.PodIdentityAssociation(
          `${name}-${namespace}`,
          { clusterName: args.clusterNameInput ?? args.clusterName, namespace, serviceAccount, roleArn: this.role.arn, tags },
          // The component's dependsOn (the Pod Identity agent add-on) does not reach its children: repeat it here.
          { parent: this, dependsOn: [...inherited, read, this.key] },
        ),
    );
    this.registerOutputs({ keyArn: this.keyArn, roleArn: this.roleArn });
  }
}
