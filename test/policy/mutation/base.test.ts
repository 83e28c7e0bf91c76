/**
 * Branch cases found by mutation testing (Stryker, group `base`) for the baseline data the components and rules
 * share: the NetworkPolicies the platform creates (DNS egress, add-on agent namespaces, intra-tenant traffic),
 * the LimitRange defaults, DNS-1123 labels at their length edges, and the tenant segment of secret names.
 */
import {
  addonAgentPolicySpec,
  defaultLimitRangeSpec,
  dnsEgressPolicySpec,
  intraTenantPolicySpec,
  isDns1123Label,
  KUBE_DNS,
  NAMESPACE_NAME_LABEL,
} from "../../../policy-pack/baseline/tenancy";
import { secretNameOf, tenantOfSecretName } from "../../../policy-pack/baseline/secrets";

const kubeDns = { namespaceSelector: { matchLabels: { [NAMESPACE_NAME_LABEL]: "kube-system" } }, podSelector: { matchLabels: { "k8s-app": "kube-dns" } } };
const dnsPorts = [
  { protocol: "UDP", port: 53 },
  { protocol: "TCP", port: 53 },
];

describe("platform NetworkPolicies", () => {
  it("DNS egress: every pod, egress only, UDP and TCP 53 to kube-dns in kube-system", () => {
    expect(dnsEgressPolicySpec()).toEqual({ podSelector: {}, policyTypes: ["Egress"], egress: [{ to: [kubeDns], ports: dnsPorts }] });
    expect(KUBE_DNS.port).toBe(53);
  });

  it("add-on agents: DNS and HTTPS out, in only on the listed ports (none: no ingress rule)", () => {
    const none = addonAgentPolicySpec();
    expect(none).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"], egress: [{ to: [kubeDns], ports: dnsPorts }, { ports: [{ protocol: "TCP", port: 443 }] }] });
    expect("ingress" in none).toBe(false);
    const webhook = addonAgentPolicySpec([9443, 8443]);
    expect(webhook.ingress).toEqual([{ ports: [{ protocol: "TCP", port: 9443 }, { protocol: "TCP", port: 8443 }] }]);
    expect(webhook.egress).toEqual(none.egress);
  });

  it("intra-tenant: the own namespace's pods, or exactly the listed namespaces, both directions", () => {
    expect(intraTenantPolicySpec()).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [{ podSelector: {} }] }], egress: [{ to: [{ podSelector: {} }] }] });
    const peer = { namespaceSelector: { matchExpressions: [{ key: NAMESPACE_NAME_LABEL, operator: "In", values: ["a", "b"] }] }, podSelector: {} };
    expect(intraTenantPolicySpec(["a", "b"])).toEqual({ podSelector: {}, policyTypes: ["Ingress", "Egress"], ingress: [{ from: [peer] }], egress: [{ to: [peer] }] });
  });
});

describe("LimitRange defaults", () => {
  it("keeps each default unless overridden", () => {
    const defaults = defaultLimitRangeSpec().limits[0];
    const custom = defaultLimitRangeSpec({ max: { cpu: "8", memory: "16Gi" } }).limits[0];
    expect(custom.max).toEqual({ cpu: "8", memory: "16Gi" });
    expect(custom.default).toEqual(defaults.default);
    expect(defaults.max).toBeDefined();
    expect(defaults.max).not.toEqual(custom.max);
  });
});

describe("DNS-1123 labels", () => {
  it("accepts 1 to 63 characters", () => {
    expect(isDns1123Label("")).toBe(false);
    expect(isDns1123Label("a")).toBe(true);
    expect(isDns1123Label("a".repeat(63))).toBe(true);
    expect(isDns1123Label("a".repeat(64))).toBe(false);
  });
});

describe("secret names", () => {
  it("gives the prefix and tenant of <prefix>/<tenant>/<rest>, for names and Secrets Manager ARNs", () => {
    expect(tenantOfSecretName("hc-prod/payments/db")).toEqual({ prefix: "hc-prod", tenant: "payments" });
    expect(tenantOfSecretName("hc-prod/payments/db/main")).toEqual({ prefix: "hc-prod", tenant: "payments" });
    expect(tenantOfSecretName("arn:aws:secretsmanager:eu-west-1:111122223333:secret:hc-prod/payments/db-AbCdEf")).toEqual({ prefix: "hc-prod", tenant: "payments" });
  });

  it("gives nothing for fewer than three segments, empty or wildcard prefix/tenant segments, or an empty rest", () => {
    for (const name of ["hc-prod/payments", "payments", "/payments/db", "hc-prod//db", "hc-prod/*/db", "*/payments/db", "hc-prod/pay?/db", "hc-prod/payments/"]) {
      expect(tenantOfSecretName(name)).toBeUndefined();
    }
    // A wildcard in the rest is fine (an IAM grant on the tenant's prefix).
    expect(tenantOfSecretName("hc-prod/payments/*")).toEqual({ prefix: "hc-prod", tenant: "payments" });
  });

  it("strips only a whole Secrets Manager secret ARN", () => {
    expect(secretNameOf("arn:aws:secretsmanager:eu-west-1:111122223333:secret:a/b/c")).toBe("a/b/c");
    expect(secretNameOf("x-arn:aws:secretsmanager:eu-west-1:111122223333:secret:a/b/c")).toBe("x-arn:aws:secretsmanager:eu-west-1:111122223333:secret:a/b/c");
    expect(secretNameOf("arn:aws:ssm:eu-west-1:111122223333:parameter/a/b/c")).toBe("arn:aws:ssm:eu-west-1:111122223333:parameter/a/b/c");
  });
});
