import { COREDNS_POLICY_NAME, KUBE_DNS, coreDnsPolicySpec } from "../../../policy-pack/baseline/tenancy";
import { violationsOf } from "../../support/rules";
import { T, expectViolations, inNs } from "./fixtures";

describe("W5: the VPC CNI enforces NetworkPolicies in strict mode, with CoreDNS's own policy", () => {
  test("the vpc-cni configuration sets NETWORK_POLICY_ENFORCING_MODE=strict by default (standard mode started new pods default-allow)", async () => {
    // components/cluster/addons loads the Pulumi SDK: imported here only, so the rule tests below run without it.
    const { vpcCniConfiguration } = await import("../../../components/cluster/addons");
    const config = JSON.parse(vpcCniConfiguration(true));
    expect(config.enableNetworkPolicy).toBe("true");
    expect(config.env.NETWORK_POLICY_ENFORCING_MODE).toBe("strict");
    expect(config.env.AWS_VPC_K8S_CNI_CUSTOM_NETWORK_CFG).toBe("true");
    expect(JSON.parse(vpcCniConfiguration(false)).env).toEqual({ NETWORK_POLICY_ENFORCING_MODE: "strict" });
    expect(JSON.parse(vpcCniConfiguration(false, "standard")).env.NETWORK_POLICY_ENFORCING_MODE).toBe("standard");
  });

  test("CoreDNS's policy admits DNS in and lets CoreDNS resolve upstream and watch the API server", () => {
    const spec = coreDnsPolicySpec();
    expect(spec.podSelector).toEqual({ matchLabels: KUBE_DNS.podLabels });
    expect(spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(spec.ingress).toEqual([{ ports: [{ protocol: "UDP", port: 53 }, { protocol: "TCP", port: 53 }] }]);
    expect(spec.egress).toContainEqual({ ports: [{ protocol: "TCP", port: 443 }] });
  });

  test("NP-002 accepts CoreDNS's upstream DNS egress in kube-system", () => {
    expect(violationsOf("NP-002", inNs(T.networkPolicy, COREDNS_POLICY_NAME, "kube-system", { spec: coreDnsPolicySpec() }))).toEqual([]);
  });

  test("NP-002 still flags the same egress from any other pods (a tenant bypassing kube-dns)", () => {
    expectViolations(violationsOf("NP-002", inNs(T.networkPolicy, "p", "team-a", { spec: coreDnsPolicySpec() })), "NP-002", "advisory", "spec.egress[0]");
    const notDns = { ...coreDnsPolicySpec(), podSelector: { matchLabels: { app: "resolver" } } };
    expectViolations(violationsOf("NP-002", inNs(T.networkPolicy, "p", "kube-system", { spec: notDns })), "NP-002", "advisory", "spec.egress[0]");
  });
});

// W5 in the same-stack layout (dev), on the recorded stack: test/infra/coredns-stack.test.ts (records a whole platform
// program, left out of the mutation runs).
