import type { z } from "zod";

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

/** The pool settings the checks read. */
interface PoolsView {
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
}
