import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { CLUSTER_ADMIN_ACCESS_POLICY } from "../cluster/iam";
import { adminAssumePattern, ADMIN_ASSUME_RULE_STATE } from "./alarm";
import { DEFAULT_ADMIN_SESSION_SECONDS, DEFAULT_MAX_MFA_AGE_SECONDS, mfaAdminTrustPolicy, mfaTrustProblems, SESSION_DURATION_BOUNDS } from "./trust";
import { ACCOUNT_ID, IAM_ROLE_NAME } from "../detection/args-error";

export * from "./trust";
export { adminAssumePattern, ADMIN_ASSUME_RULE_STATE } from "./alarm";

/** Arguments of {@link MfaAdminRole}. */
export interface MfaAdminRoleArgs {
  /** EKS cluster name (literal: the access entry and the `eks:DescribeCluster` grant name it). */
  readonly clusterName: string;
  /** The cluster resource, so the access entry is created after it. */
  readonly cluster?: pulumi.Resource;
  /** IAM role name (literal, at most 64 characters), so the pack config can allow-list its ARN before creation. */
  readonly roleName: string;
  /** 12-digit account id of the cluster and the role (literal). */
  readonly accountId: string;
  /** AWS region of the cluster (literal: scopes the `eks:DescribeCluster` grant). */
  readonly region: string;
  /** AWS partition. Default `aws`. */
  readonly partition?: string;
  /**
   * IAM users or roles allowed to assume the role (literal ARNs, no wildcards, no `:root`): the trust names their
   * accounts' root and narrows it with `aws:PrincipalArn` to exactly these. Required, at least one.
   */
  readonly trustedPrincipalArns: readonly string[];
  /** Longest time since the caller's MFA sign-in that still admits `sts:AssumeRole`, in seconds (300–43200). Default 3600. */
  readonly maxMfaAgeSeconds?: number;
  /** `maxSessionDuration` of the role, in seconds (3600–43200). Default 3600: an admin session ends within the hour. */
  readonly maxSessionDurationSeconds?: number;
  /**
   * SNS topic (e.g. `AlertTopic.topicArn`) told about every `AssumeRole` of this role, through an EventBridge rule on
   * CloudTrail management events. Omit to create no alarm (the role is then alarmed only by the account's own trail tooling).
   */
  readonly alertTopicArn?: pulumi.Input<string>;
  /** AWS tags of the role and the alarm rule. Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * A cluster-admin role that only named people can assume, and only with a fresh MFA sign-in: an IAM role whose
 * trust policy requires `aws:MultiFactorAuthPresent` and a maximum `aws:MultiFactorAuthAge` (EKS-009), with a
 * short maximum session, `eks:DescribeCluster` on its cluster (for `aws eks update-kubeconfig`), an EKS access
 * entry associated with `AmazonEKSClusterAdminPolicy` (cluster scope), and optionally an alarm on every assume.
 */
export class MfaAdminRole extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  /** The role's ARN, known before creation (what the access entry and `clusterAdminPrincipals` name). */
  readonly roleArn: string;
  readonly accessEntry: aws.eks.AccessEntry;
  readonly association: aws.eks.AccessPolicyAssociation;
  /** The EventBridge rule that reports every `AssumeRole` of the role (when `alertTopicArn` is set). */
  readonly assumeAlarm?: aws.cloudwatch.EventRule;

  constructor(name: string, args: MfaAdminRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    validateMfaAdminRoleArgs(name, args);
    super("hardened-cluster:admin-access:MfaAdminRole", name, {}, opts);
    const tags = { ...args.tags };
    const partition = args.partition ?? "aws";
    this.roleArn = `arn:${partition}:iam::${args.accountId}:role/${args.roleName}`;

    this.role = new aws.iam.Role(
      name,
      {
        name: args.roleName,
        description: `Cluster-admin of EKS cluster ${args.clusterName}; assumable only with MFA by the configured principals`,
        assumeRolePolicy: mfaAdminTrustPolicy({ trustedPrincipalArns: args.trustedPrincipalArns, maxMfaAgeSeconds: args.maxMfaAgeSeconds ?? DEFAULT_MAX_MFA_AGE_SECONDS }),
        maxSessionDuration: args.maxSessionDurationSeconds ?? DEFAULT_ADMIN_SESSION_SECONDS,
        tags,
      },
      { parent: this },
    );
    // Only what `aws eks update-kubeconfig --name <cluster>` needs; Kubernetes rights come from the access policy.
    const describe = new aws.iam.RolePolicy(
      `${name}-describe-cluster`,
      {
        role: this.role.name,
        policy: JSON.stringify({
          Version: "2012-10-17",
          Statement: [{ Effect: "Allow", Action: "eks:DescribeCluster", Resource: `arn:${partition}:eks:${args.region}:${args.accountId}:cluster/${args.clusterName}` }],
        }),
      },
      { parent: this },
    );
    // Literal principalArn (EKS-008 compares it with clusterAdminPrincipals), ordered after the role (ORD-004).
    this.accessEntry = new aws.eks.AccessEntry(
      name,
      { clusterName: args.clusterName, principalArn: this.roleArn, type: "STANDARD", tags },
      { parent: this, dependsOn: [this.role, describe, ...(args.cluster ? [args.cluster] : [])] },
    );
    this.association = new aws.eks.AccessPolicyAssociation(
      `${name}-admin`,
      { clusterName: args.clusterName, principalArn: this.roleArn, policyArn: CLUSTER_ADMIN_ACCESS_POLICY, accessScope: { type: "cluster" } },
      { parent: this, dependsOn: [this.accessEntry] },
    );
    if (args.alertTopicArn !== undefined) {
      this.assumeAlarm = new aws.cloudwatch.EventRule(
        `${name}-assumed`,
        {
          name: `${args.roleName}-assumed`.slice(0, 64),
          description: `AssumeRole of cluster-admin role ${args.roleName} (CloudTrail) to the security alert topic`,
          eventPattern: adminAssumePattern([this.roleArn]),
          // AssumeRole is a read-only management event: a plain ENABLED rule never sees it.
          state: ADMIN_ASSUME_RULE_STATE,
          tags,
        },
        { parent: this },
      );
      new aws.cloudwatch.EventTarget(`${name}-assumed`, { rule: this.assumeAlarm.name, arn: args.alertTopicArn }, { parent: this });
    }
    this.registerOutputs({ roleArn: this.roleArn });
  }
}

/** Throws an error naming the field and the fix for bad args, before any child is registered. */
export function validateMfaAdminRoleArgs(name: string, args: MfaAdminRoleArgs): void {
  const fail = (problem: string) => new Error(`MfaAdminRole ${name}: args.${problem}`);
  if (!ACCOUNT_ID.test(args.accountId)) throw fail(`accountId "${args.accountId}" must be a 12-digit AWS account id`);
  if (!IAM_ROLE_NAME.test(args.roleName)) throw fail(`roleName "${args.roleName}" must be an IAM role name of 1-64 letters, digits and +=,.@_-`);
  if (!/^[a-zA-Z][a-zA-Z0-9-]{0,99}$/.test(args.clusterName)) throw fail(`clusterName "${args.clusterName}" must be an EKS cluster name`);
  const problems = mfaTrustProblems({ trustedPrincipalArns: args.trustedPrincipalArns, maxMfaAgeSeconds: args.maxMfaAgeSeconds ?? DEFAULT_MAX_MFA_AGE_SECONDS });
  if (problems.length > 0) throw fail(problems[0]);
  const session = args.maxSessionDurationSeconds ?? DEFAULT_ADMIN_SESSION_SECONDS;
  if (!Number.isInteger(session) || session < SESSION_DURATION_BOUNDS.min || session > SESSION_DURATION_BOUNDS.max) {
    throw fail(`maxSessionDurationSeconds ${session} must be an integer from ${SESSION_DURATION_BOUNDS.min} to ${SESSION_DURATION_BOUNDS.max} (IAM's bounds)`);
  }
}
