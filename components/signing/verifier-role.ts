import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { VERIFIER } from "../../policy-pack/baseline/signing";
import { irsaTrustPolicy } from "../cluster/irsa";
import { IAM_ROLE_NAME, argError } from "../detection/args-error";
import { verifierPolicyDocument } from "./policies";

/** Args of {@link ImageVerifierRole}. */
export interface ImageVerifierRoleArgs {
  /** Role name (deterministic, so the in-cluster stack can annotate the ServiceAccount), e.g. `hc-prod-image-verifier`. */
  readonly roleName: string;
  /** The cluster's IAM OIDC provider (Cluster.oidcProviderArn). */
  readonly oidcProviderArn: pulumi.Input<string>;
  /** Its issuer URL (Cluster.oidcProviderUrl). */
  readonly oidcProviderUrl: pulumi.Input<string>;
  /** ARNs of the repositories whose signatures the verifier reads. */
  readonly repositoryArns: readonly string[];
  /** AWS tags (`hardened-cluster.io/component: signing` is added). Default `{}`. */
  readonly tags?: Record<string, string>;
}

/**
 * The IAM role of the in-cluster verifier (kyverno-notation-aws, IRSA as its chart documents): assumable only
 * by its ServiceAccount `kyverno-notation-aws/kyverno-notation-aws`, allowed Signer revocation checks and ECR
 * reads of the signed repositories.
 */
export class ImageVerifierRole extends pulumi.ComponentResource {
  /** The IRSA role. */
  readonly role: aws.iam.Role;
  /** Its inline policy (revocation checks, ECR token, reads of the signed repositories). */
  readonly policy: aws.iam.RolePolicy;
  /** The role ARN (the verifier ServiceAccount's `eks.amazonaws.com/role-arn`). */
  readonly arn: pulumi.Output<string>;

  constructor(name: string, args: ImageVerifierRoleArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!args || !IAM_ROLE_NAME.test(args.roleName ?? "")) throw argError("ImageVerifierRole", name, "roleName", `is ${JSON.stringify(args?.roleName)}`, "use 1-64 letters, digits and _+=,.@-");
    if (!Array.isArray(args.repositoryArns) || args.repositoryArns.length === 0) throw argError("ImageVerifierRole", name, "repositoryArns", "is empty", "list the ARNs of the signed repositories");
    super("hardened-cluster:signing:ImageVerifierRole", name, {}, opts);
    const tags = { ...(args.tags ?? {}), "hardened-cluster.io/component": "signing" };
    this.role = new aws.iam.Role(
      name,
      {
        name: args.roleName,
        description: "kyverno-notation-aws: verify AWS Signer signatures of tenant images",
        assumeRolePolicy: pulumi.all([args.oidcProviderArn, args.oidcProviderUrl]).apply(([arn, url]) => irsaTrustPolicy(arn, url, VERIFIER.namespace, VERIFIER.serviceAccount)),
        tags,
      },
      { parent: this },
    );
    this.policy = new aws.iam.RolePolicy(`${name}-verify`, { role: this.role.name, name: "verify-image-signatures", policy: verifierPolicyDocument(args.repositoryArns) }, { parent: this });
    this.arn = this.role.arn;
    this.registerOutputs({ arn: this.arn });
  }
}
