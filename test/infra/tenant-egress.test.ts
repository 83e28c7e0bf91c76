import { uncoveredEgress } from "../../components/firewall/egress-coverage";
import { ConfigError, parsePlatformConfig } from "../../infra/config";
import { parseInClusterConfig } from "../../infra/in-cluster/config";
import { podEgressFor, unreachableTenantEgress } from "../../infra/tenant-egress";
import { loadInClusterStackConfig, runInCluster } from "./fixtures";
import { loadStackConfig } from "./stack-config";

// R1 (issue 15): tenant egress allowlists must get through the shared pod SG. The AWS stack declares reachable
// destinations (extraEgress, opened on the node and pod SGs); tenants' allowlists must be a subset of them.

describe.each(["staging", "prod"] as const)("R1 in %s (split layout)", (stack) => {
  const aws = parsePlatformConfig(loadStackConfig(stack));
  const tenants = parseInClusterConfig(loadInClusterStackConfig(stack)).tenants;

  test("the in-cluster stack's tenants declare egress and every entry is covered by the AWS stack's pod SG egress", () => {
    expect(tenants.some((t) => t.egress.length > 0)).toBe(true);
    expect(unreachableTenantEgress(tenants, podEgressFor(aws))).toEqual([]);
  });

  test("without the AWS stack's extraEgress (the old stack files) the same allowlists are unreachable", () => {
    const old = unreachableTenantEgress(tenants, podEgressFor({ ...aws, extraEgress: [] }));
    expect(old.length).toBeGreaterThan(0);
    expect(old[0].message).toMatch(/TCP 5432 to 10\.\d+\.0\.0\/16 is not allowed by the pod security group's egress/);
  });
});

describe("R1: the in-cluster program rejects an allowlist its AWS stack's pod SG drops", () => {
  test("a port the AWS stack never opened: ConfigError naming tenants[0].egress[1], no Kubernetes resource registered", async () => {
    const config = loadInClusterStackConfig("prod");
    const tenants = JSON.parse(config["hardened-cluster:tenants"]);
    tenants[0].egress.push({ cidr: "10.30.0.0/16", ports: [{ port: 6379 }], justification: "The ledger caches balances in the payments Redis cluster." });
    let error: unknown;
    let registered: string[] = [];
    try {
      const run = await runInCluster({ ...config, "hardened-cluster:tenants": JSON.stringify(tenants) }, "prod");
      registered = run.resources.map((r) => r.type);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const issues = (error as ConfigError).issues;
    expect(issues.map((i) => i.key)).toEqual(["hardened-cluster:tenants[0].egress[1]"]);
    expect(issues[0].fix).toContain("hardened-cluster:extraEgress of the AWS stack organization/hardened-cluster/prod { name: <destination>, protocol: tcp, fromPort: 6379, toPort: 6379, cidr: 10.30.0.0/16");
    expect(registered.filter((t) => t.startsWith("kubernetes:"))).toEqual([]);
  });
});

describe("egress coverage rules", () => {
  const base = parsePlatformConfig(loadStackConfig("dev"));

  test("NAT mode: HTTPS anywhere is covered by the default 443 egress; other ports are not", () => {
    const allow = podEgressFor(base);
    expect(uncoveredEgress({ cidr: "203.0.113.0/24", ports: [{ port: 443, protocol: "TCP" }] }, allow)).toBeUndefined();
    expect(uncoveredEgress({ cidr: "203.0.113.0/24", ports: [{ port: 8443, protocol: "TCP" }] }, allow)).toMatch(/TCP 8443/);
  });

  test("private-only mode: nothing leaves the VPC on 443 by default", () => {
    const allow = podEgressFor({ ...base, network: { ...base.network, privateOnly: true } });
    expect(uncoveredEgress({ cidr: "203.0.113.0/24", ports: [{ port: 443, protocol: "TCP" }] }, allow)).toMatch(/not allowed/);
  });

  test("coverage needs the protocol, a port inside the range and a CIDR inside the allowance", () => {
    const allow = podEgressFor({ ...base, extraEgress: [{ name: "db", protocol: "tcp", fromPort: 5432, toPort: 5433, cidr: "10.10.0.0/16", justification: "Databases in the platform VPC for tenants" }] });
    expect(uncoveredEgress({ cidr: "10.10.4.0/24", ports: [{ port: 5433, protocol: "TCP" }] }, allow)).toBeUndefined();
    expect(uncoveredEgress({ cidr: "10.10.4.0/24", ports: [{ port: 5432, protocol: "UDP" }] }, allow)).toMatch(/UDP 5432/);
    expect(uncoveredEgress({ cidr: "10.0.0.0/8", ports: [{ port: 5432, protocol: "TCP" }] }, allow)).toMatch(/10\.0\.0\.0\/8/);
    expect(uncoveredEgress({ cidr: "10.10.4.0/24", ports: [{ port: 5432, protocol: "SCTP" }] }, allow)).toMatch(/SCTP 5432/);
  });

  test("IPv6 destinations are unreachable (the SGs allow IPv4 egress only)", () => {
    expect(uncoveredEgress({ cidr: "2001:db8::/32", ports: [{ port: 443, protocol: "TCP" }] }, podEgressFor(base))).toMatch(/not an IPv4 CIDR/);
  });

  test("same-stack (dev): a covered allowlist is accepted, with the covering extraEgress", () => {
    const raw = loadStackConfig("dev");
    const tenants = JSON.parse(raw["hardened-cluster:tenants"]);
    tenants[1].egress = [{ cidr: "10.10.32.0/24", ports: [{ port: 5432 }], justification: "The storefront API reads the catalogue database in the VPC." }];
    const extraEgress = [{ name: "catalogue-db", protocol: "tcp", fromPort: 5432, toPort: 5432, cidr: "10.10.32.0/24", justification: "Catalogue database for the storefront tenant" }];
    expect(() => parsePlatformConfig({ ...raw, "hardened-cluster:tenants": JSON.stringify(tenants) })).toThrow(/tenants\[1\]\.egress\[0\]/);
    expect(() => parsePlatformConfig({ ...raw, "hardened-cluster:tenants": JSON.stringify(tenants), "hardened-cluster:extraEgress": JSON.stringify(extraEgress) })).not.toThrow();
  });
});
