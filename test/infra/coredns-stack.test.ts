/**
 * W5 in the same-stack layout (dev), on the recorded stack: CoreDNS's NetworkPolicy is created with the cluster's
 * provider, CoreDNS waits for it, and the VPC CNI enforces NetworkPolicies in strict mode. The policy-level checks
 * are in test/policy/k8s/coredns-strict-mode.test.ts; this file records a whole platform program, so the mutation
 * runs (test/policy, test/property) leave it to `npm test`.
 */
import { COREDNS_POLICY_NAME } from "../../policy-pack/baseline/tenancy";
import { stackRun } from "./fixtures";
import { ofType } from "./stack-config";

describe("W5 in the same-stack layout (dev)", () => {
  test("CoreDNS's policy is created with the cluster's provider and CoreDNS waits for it", async () => {
    const { resources } = await stackRun("dev");
    const policy = ofType(resources, "kubernetes:networking.k8s.io/v1:NetworkPolicy").find((p) => p.inputs.metadata.name === COREDNS_POLICY_NAME)!;
    expect(policy.inputs.metadata.namespace).toBe("kube-system");
    expect(policy.provider).not.toBeNull();
    const coredns = ofType(resources, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "coredns")!;
    expect(coredns.dependencies).toContain(policy.urn);
    const cni = ofType(resources, "aws:eks/addon:Addon").find((a) => a.inputs.addonName === "vpc-cni")!;
    expect(JSON.parse(cni.inputs.configurationValues).env.NETWORK_POLICY_ENFORCING_MODE).toBe("strict");
  });
});
