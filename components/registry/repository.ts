import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { IAM_PRINCIPAL_ARN, KMS_ARN, argError, isLiteral } from "../detection/args-error";

/** Args of one hardened ECR repository for tenant images. */
export interface RepositoryArgs {
  /** Repository name; default the component name. */
  readonly repositoryName?: string;
  /** Customer-managed KMS key for image layers (ECR-003). */
  readonly kmsKeyArn: pulumi.Input<string>;
  /** Node IAM roles that pull images (the cluster's node role). */
  readonly nodeRoleArns: readonly pulumi.Input<string>[];
  /** CI principals that push; everyone else is denied push (registry poisoning defence). */
  readonly ciPushPrincipalArns: readonly pulumi.Input<string>[];
  /** Other principals allowed to pull (e.g. a scanner role). Default none. */
  readonly extraPullPrincipalArns?: readonly pulumi.Input<string>[];
  /** Expire untagged images this many days after push; default 7. */
  readonly untaggedExpiryDays?: number;
  /** Keep this many newest images among the ephemeral (build) tags; older ephemeral images expire. Default 100. */
  readonly keepImages?: number;
  /**
   * Tag prefixes of ephemeral build images (pull-request and branch builds) that {@link RepositoryArgs.keepImages}
   * counts; every other tag (a release) never expires. Default {@link DEFAULT_EPHEMERAL_TAG_PREFIXES}.
   */
  readonly ephemeralTagPrefixes?: readonly string[];
  /** AWS tags of the repository. Default `{}`. */
  readonly tags?: Record<string, string>;
}

/** Actions a puller needs. */
export const ECR_PULL_ACTIONS = ["ecr:BatchGetImage", "ecr:GetDownloadUrlForLayer", "ecr:BatchCheckLayerAvailability"] as const;
/** Actions that write image content or tags. */
export const ECR_PUSH_ACTIONS = ["ecr:PutImage", "ecr:InitiateLayerUpload", "ecr:UploadLayerPart", "ecr:CompleteLayerUpload"] as const;

/** Default tag prefixes of ephemeral build images. */
export const DEFAULT_EPHEMERAL_TAG_PREFIXES = ["pr-", "dev-", "ci-"] as const;

const REPOSITORY_NAME = /^(?=.{2,256}$)[a-z0-9]+(?:[._-][a-z0-9]+)*(?:\/[a-z0-9]+(?:[._-][a-z0-9]+)*)*$/;

/** Throws a named-field error for bad args. */
export function validateRepositoryArgs(name: string, args: RepositoryArgs): void {
  const err = (field: string, problem: string, fix: string) => argError("Repository", name, field, problem, fix);
  const repo = args.repositoryName ?? name;
  if (!REPOSITORY_NAME.test(repo)) throw err("repositoryName", `is ${JSON.stringify(repo)}, not an ECR repository name`, "use lower-case letters, digits, . _ - and / (2-256 characters)");
  if (args.kmsKeyArn === undefined || args.kmsKeyArn === null) throw err("kmsKeyArn", "is missing; ECR would fall back to AES256", "pass the customer-managed key ARN (ECR-003)");
  if (isLiteral(args.kmsKeyArn) && (!KMS_ARN.test(args.kmsKeyArn) || args.kmsKeyArn.includes("alias/aws/"))) {
    throw err("kmsKeyArn", `is ${JSON.stringify(args.kmsKeyArn)}, not a customer-managed KMS key ARN`, "pass arn:aws:kms:<region>:<account>:key/<id>");
  }
  const principals = (field: string, list: readonly pulumi.Input<string>[] | undefined, required: boolean) => {
    if (required && (!list || list.length === 0)) throw err(field, "is empty", field === "nodeRoleArns" ? "pass the cluster's node role ARN so nodes can pull" : "list the CI role ARNs that push images (no one else can push)");
    (list ?? []).forEach((arn, i) => {
      if (isLiteral(arn) && !IAM_PRINCIPAL_ARN.test(arn)) throw err(`${field}[${i}]`, `is ${JSON.stringify(arn)}, not an IAM role/user ARN`, "use arn:aws:iam::<account>:role/<name>; wildcards are not allowed");
    });
  };
  principals("nodeRoleArns", args.nodeRoleArns, true);
  principals("ciPushPrincipalArns", args.ciPushPrincipalArns, true);
  principals("extraPullPrincipalArns", args.extraPullPrincipalArns, false);
  if (args.untaggedExpiryDays !== undefined && !(Number.isInteger(args.untaggedExpiryDays) && args.untaggedExpiryDays >= 1 && args.untaggedExpiryDays <= 365)) {
    throw err("untaggedExpiryDays", `is ${args.untaggedExpiryDays}`, "use a whole number of days between 1 and 365");
  }
  if (args.keepImages !== undefined && !(Number.isInteger(args.keepImages) && args.keepImages >= 1 && args.keepImages <= 10000)) {
    throw err("keepImages", `is ${args.keepImages}`, "use a whole number between 1 and 10000");
  }
  const prefixes = args.ephemeralTagPrefixes ?? DEFAULT_EPHEMERAL_TAG_PREFIXES;
  if (prefixes.length === 0) throw err("ephemeralTagPrefixes", "is empty", "list the tag prefixes of throw-away builds, e.g. [\"pr-\"]");
  prefixes.forEach((prefix, i) => {
    // A tag is [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}; a prefix must start one and be short enough to leave room.
    if (!/^[A-Za-z0-9_][A-Za-z0-9._-]{0,63}$/.test(prefix)) throw err(`ephemeralTagPrefixes[${i}]`, `is ${JSON.stringify(prefix)}`, "use the start of an image tag such as pr- (letters, digits, _ . -)");
  });
}

/**
 * The lifecycle policy document (N9). Expire untagged images `untaggedDays` after push, and keep only the newest
 * `keep` images among the ephemeral build tags (`ephemeralPrefixes`). Release tags never expire: tags are
 * immutable, so a running workload's image is its tag, and expiring it (the old "keep newest N, any tag" rule
 * did) breaks the next pull of that workload (a node replacement, a reschedule) with ImagePullBackOff. Remove a
 * release image deliberately, once nothing runs it.
 */
export function lifecyclePolicyDocument(untaggedDays: number, keep: number, ephemeralPrefixes: readonly string[] = DEFAULT_EPHEMERAL_TAG_PREFIXES): string {
  return JSON.stringify({
    rules: [
      {
        rulePriority: 1,
        description: `Expire untagged images ${untaggedDays} days after push`,
        selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: untaggedDays },
        action: { type: "expire" },
      },
      {
        rulePriority: 2,
        description: `Keep the ${keep} newest ephemeral build images (${ephemeralPrefixes.join(", ")}); release tags never expire`,
        selection: { tagStatus: "tagged", tagPrefixList: [...ephemeralPrefixes], countType: "imageCountMoreThan", countNumber: keep },
        action: { type: "expire" },
      },
    ],
  });
}

/** The repository policy: nodes (and extra pullers) pull, CI pushes, everyone else is denied push. */
export function repositoryPolicyDocument(pullers: readonly string[], pushers: readonly string[]): string {
  return JSON.stringify({
    Version: "2012-10-17",
    Statement: [
      { Sid: "NodesPull", Effect: "Allow", Principal: { AWS: [...pullers] }, Action: [...ECR_PULL_ACTIONS] },
      { Sid: "CiPush", Effect: "Allow", Principal: { AWS: [...pushers] }, Action: [...ECR_PULL_ACTIONS, ...ECR_PUSH_ACTIONS] },
      { Sid: "DenyPushExceptCi", Effect: "Deny", Principal: "*", Action: [...ECR_PUSH_ACTIONS], Condition: { ArnNotEquals: { "aws:PrincipalArn": [...pushers] } } },
    ],
  });
}

/**
 * A hardened ECR repository: scan on push, immutable tags, KMS encryption, never force-deleted, a
 * lifecycle policy for untagged and stale images, and a policy limited to node and CI principals.
 */
export class Repository extends pulumi.ComponentResource {
  readonly repository: aws.ecr.Repository;
  readonly lifecyclePolicy: aws.ecr.LifecyclePolicy;
  readonly policy: aws.ecr.RepositoryPolicy;
  readonly repositoryUrl: pulumi.Output<string>;

  constructor(name: string, args: RepositoryArgs, opts?: pulumi.ComponentResourceOptions) {
    validateRepositoryArgs(name, args);
    super("hardened-cluster:registry:Repository", name, {}, opts);
    this.repository = new aws.ecr.Repository(name, {
      name: args.repositoryName ?? name,
      imageScanningConfiguration: { scanOnPush: true },
      imageTagMutability: "IMMUTABLE",
      encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: args.kmsKeyArn }],
      forceDelete: false,
      tags: { ...(args.tags ?? {}), "hardened-cluster.io/component": "registry" },
    }, { parent: this });
    this.lifecyclePolicy = new aws.ecr.LifecyclePolicy(`${name}-lifecycle`, {
      repository: this.repository.name,
      policy: lifecyclePolicyDocument(args.untaggedExpiryDays ?? 7, args.keepImages ?? 100, args.ephemeralTagPrefixes),
    }, { parent: this });
    const pullers = [...args.nodeRoleArns, ...(args.extraPullPrincipalArns ?? [])];
    this.policy = new aws.ecr.RepositoryPolicy(`${name}-policy`, {
      repository: this.repository.name,
      policy: pulumi.all([pulumi.all(pullers), pulumi.all([...args.ciPushPrincipalArns])]).apply(([pull, push]) => repositoryPolicyDocument(pull, push)),
    }, { parent: this });
    this.repositoryUrl = this.repository.repositoryUrl;
    this.registerOutputs({ repositoryUrl: this.repositoryUrl, repositoryArn: this.repository.arn });
  }
}
