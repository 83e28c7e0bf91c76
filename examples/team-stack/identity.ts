/**
 * The workload's AWS identity: an IAM role only its ServiceAccount can assume, through EKS Pod Identity
 * (default) or IRSA, allowed to read the team's SSM parameters and nothing else. Policies are plain
 * JSON (`JSON.stringify`), so nothing here needs AWS credentials at preview.
 */
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { irsaTrustPolicy } from "../../components";
import type { IdentityMode } from "./config";

/** Arguments of {@link WorkloadIdentity}. */
export interface WorkloadIdentityArgs {
  readonly mode: IdentityMode;
  readonly clusterName: pulumi.Input<string>;
  readonly namespace: string;
  readonly serviceAccount: string;
  readonly accountId: string;
  readonly region: string;
  /** SSM parameter path the role may read, e.g. `/risk/scoring`. */
  readonly parameterPath: string;
  /** IRSA only: the cluster's OIDC provider ARN and issuer URL (platform outputs). */
  readonly oidcProviderArn?: pulumi.Input<string>;
  readonly oidcProviderUrl?: pulumi.Input<string>;
  readonly tags?: Record<string, string>;
}

/** Trust policy for EKS Pod Identity: the `pods.eks.amazonaws.com` service principal. */
export function podIdentityTrustPolicy(): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [{ Effect: "Allow", Principal: { Service: "pods.eks.amazonaws.com" }, Action: ["sts:AssumeRole", "sts:TagSession"] }],
  });
}


/** Least-privilege permissions: read the parameters under one SSM path. */
export function parameterReadPolicy(accountId: string, region: string, parameterPath: string): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      {
        Effect: "Allow",
        Action: ["ssm:GetParameter", "ssm:GetParameters", "ssm:GetParametersByPath"],
        Resource: `arn:aws:ssm:${region}:${accountId}:parameter${parameterPath.replace(/\/$/, "")}/*`,
      },
    ],
  });
}

/** The workload's IAM role and (Pod Identity) its association with the ServiceAccount. */
export class WorkloadIdentity extends pulumi.ComponentResource {
  readonly role: aws.iam.Role;
  /** Set in `pod-identity` mode. */
  readonly association?: aws.eks.PodIdentityAssociation;
  /** Annotations the ServiceAccount needs (IRSA: the role ARN; Pod Identity: none). */
  readonly serviceAccountAnnotations: pulumi.Input<Record<string, string>>;

  constructor(name: string, args: WorkloadIdentityArgs, opts: pulumi.ComponentResourceOptions = {}) {
    if (args.mode === "irsa" && (args.oidcProviderArn === undefined || args.oidcProviderUrl === undefined)) {
      throw new Error(`WorkloadIdentity(${name}).args.oidcProviderArn/oidcProviderUrl: IRSA needs the platform's OIDC provider outputs`);
    }
    super("team-risk:identity:WorkloadIdentity", name, {}, opts);
    const assumeRolePolicy =
      args.mode === "pod-identity"
        ? podIdentityTrustPolicy()
        : pulumi
            .all([args.oidcProviderArn!, args.oidcProviderUrl!])
            .apply(([arn, url]) => irsaTrustPolicy(arn, url, args.namespace, args.serviceAccount));
    this.role = new aws.iam.Role(name, { name, assumeRolePolicy, maxSessionDuration: 3600, tags: args.tags }, { parent: this });
    new aws.iam.RolePolicy(`${name}-ssm-read`, { role: this.role.name, policy: parameterReadPolicy(args.accountId, args.region, args.parameterPath) }, { parent: this });
    if (args.mode === "pod-identity") {
      this.association = new aws.eks.PodIdentityAssociation(
        name,
        { clusterName: args.clusterName, namespace: args.namespace, serviceAccount: args.serviceAccount, roleArn: this.role.arn, tags: args.tags },
        { parent: this },
      );
      this.serviceAccountAnnotations = {};
    } else {
      this.serviceAccountAnnotations = this.role.arn.apply((arn): Record<string, string> => ({ "eks.amazonaws.com/role-arn": arn }));
    }
    this.registerOutputs({ roleArn: this.role.arn });
  }
}
