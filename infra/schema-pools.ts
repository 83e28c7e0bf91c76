import { z } from "zod";
import { autoscalerImageMinor, defaultAutoscalerImage, CLUSTER_AUTOSCALER_RELEASES } from "../components/autoscaler/version";
import { parseImage } from "../policy-pack/core/images";
import { PLATFORM_MIN_KUBERNETES_VERSION, versionAtLeast } from "../components/cluster/version";

/**
 * Pool checks of the stack configuration (issue 20 parts 5 and 6), hooked into `platformConfigSchema`'s
 * superRefine with one call.
 */

/**
 * EC2 families that cannot carry a trunk ENI, so security groups for pods cannot give their pods a branch ENI: the
 * burstable `t` family (EKS user guide, "Security groups for Pods", considerations: "No instance types in the t family
 * are supported"; the full list is aws/amazon-vpc-resource-controller-k8s pkg/aws/vpc/limits.go, IsTrunkingCompatible).
 */
export const NON_TRUNKING_INSTANCE_PATTERN = /^t\d[a-z]*\./;

/**
 * `hardened-cluster:autoscaler`: the Cluster Autoscaler (components/autoscaler), on by default so min/desired/max mean
 * what they say (R5). With it off, `desiredSize` is managed by the stack again (no `ignoreChanges`).
 */
export const autoscalerConfigSchema = z
  .object({
    enabled: z.boolean().default(true),
    /**
     * Image override, `<repository>:v<major.minor.patch>[@sha256:<digest>]` (e.g. an ECR mirror where nodes have no
     * internet). Default: registry.k8s.io's release of the cluster's minor (components/autoscaler/version.ts).
     */
    image: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?\/[a-z0-9._/-]+:v\d+\.\d+\.\d+(@sha256:[0-9a-f]{64})?$/, "must be <registry>/<repository>:v<major.minor.patch>, optionally @sha256:<digest>")
      .optional(),
  })
  .strict()
  .default({});

/** The validated autoscaler settings. */
export type AutoscalerConfig = z.infer<typeof autoscalerConfigSchema>;

/** The autoscaler image a stack runs: the override, else the default for its Kubernetes minor. */
export function autoscalerImageFor(c: { readonly kubernetesVersion: string; readonly autoscaler: AutoscalerConfig }): string | undefined {
  return c.autoscaler.image ?? defaultAutoscalerImage(c.kubernetesVersion);
}

/** The settings the checks read. */
interface PoolsView {
  readonly kubernetesVersion: string;
  readonly network: { readonly privateOnly: boolean };
  readonly autoscaler: AutoscalerConfig;
  readonly nodePools: Readonly<Record<"system" | "general" | "sensitive", { readonly instanceTypes: readonly string[] }>>;
}

/**
 * The sensitive pool's pods get their own SG through security groups for pods (W6), which needs trunk-capable
 * instance types: a `t` type there would leave sensitive pods pending (no `vpc.amazonaws.com/pod-eni` capacity).
 */
export function checkPools(c: PoolsView, ctx: z.RefinementCtx): void {
  c.nodePools.sensitive.instanceTypes.forEach((type, i) => {
    if (NON_TRUNKING_INSTANCE_PATTERN.test(type)) {
      ctx.addIssue({
        code: "custom",
        path: ["nodePools", "sensitive", "instanceTypes", i],
        message: `${type} cannot carry a trunk ENI, so the sensitive pods' own security group (security groups for pods) cannot be attached`,
        params: { fix: "use a Nitro type of a current family such as m6i.large, m7g.large or c6i.xlarge (IsTrunkingCompatible in the VPC resource controller's limits.go)" },
      });
    }
  });
  // A malformed or unsupported kubernetesVersion is reported at its own path; the image follows from it.
  if (!c.autoscaler.enabled || !/^\d+\.\d+$/.test(c.kubernetesVersion) || !versionAtLeast(c.kubernetesVersion, PLATFORM_MIN_KUBERNETES_VERSION)) return;
  const image = autoscalerImageFor(c);
  const path = ["autoscaler", "image"];
  if (image === undefined) {
    ctx.addIssue({
      code: "custom",
      path,
      message: `no Cluster Autoscaler release is known for Kubernetes ${c.kubernetesVersion} (known: ${Object.keys(CLUSTER_AUTOSCALER_RELEASES).join(", ")})`,
      params: { fix: `set hardened-cluster:autoscaler.image to the cluster-autoscaler v${c.kubernetesVersion}.x image, or add the release to components/autoscaler/version.ts` },
    });
    return;
  }
  const minor = autoscalerImageMinor(image);
  if (minor !== undefined && minor !== c.kubernetesVersion) {
    ctx.addIssue({
      code: "custom",
      path,
      message: `${image} is the autoscaler for Kubernetes ${minor} but kubernetesVersion is ${c.kubernetesVersion}: its scheduler simulation would not match the cluster's`,
      params: { fix: `use the cluster-autoscaler v${c.kubernetesVersion}.x image (default ${defaultAutoscalerImage(c.kubernetesVersion) ?? "none known"})` },
    });
  }
  if (c.network.privateOnly && !/\.dkr\.ecr\.[a-z0-9-]+\.amazonaws\.com$/.test(parseImage(image).registry)) {
    ctx.addIssue({
      code: "custom",
      path,
      message: `${image} is not in ECR, and privateOnly networking has no route to ${parseImage(image).registry}: the autoscaler pod would never start`,
      params: { fix: "mirror the image into this account's ECR (components/autoscaler/README.md, section Private-only stacks) and set hardened-cluster:autoscaler.image to the mirror, keeping the tag and digest" },
    });
  }
}
