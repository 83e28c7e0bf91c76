import { CALENDAR_AS_OF, DEFAULT_KUBERNETES_VERSION, EKS_VERSION_CALENDAR, PLATFORM_MIN_KUBERNETES_VERSION, standardSupportVersions } from "../../../components/cluster/version";
import { packConfigFor } from "../../../infra/policy-config";
import { parsePlatformConfig } from "../../../infra/config";
import { loadStackConfig } from "../../infra/stack-config";
import { resource, violationsOf } from "../../support/rules";

describe("N7: the default Kubernetes version is the newest in EKS standard support", () => {
  test("on 2026-12-06 only 1.35 is in standard support (1.33 ended 2026-07-29, 1.34 on 2026-12-02)", () => {
    expect(CALENDAR_AS_OF).toBe("2026-12-06");
    expect(standardSupportVersions()).toEqual(["1.35"]);
    expect(standardSupportVersions("2026-12-01")).toEqual(["1.34", "1.35"]);
    expect(DEFAULT_KUBERNETES_VERSION).toBe("1.35");
    expect(PLATFORM_MIN_KUBERNETES_VERSION).toBe("1.35");
  });

  test("every calendar entry has 14 months of standard support or less, in release order", () => {
    const sorted = [...EKS_VERSION_CALENDAR].sort((a, b) => a.released.localeCompare(b.released));
    expect(sorted.map((v) => v.version)).toEqual(EKS_VERSION_CALENDAR.map((v) => v.version));
    for (const v of EKS_VERSION_CALENDAR) {
      const months = (Date.parse(v.endOfStandardSupport) - Date.parse(v.released)) / (30.44 * 24 * 3600 * 1000);
      expect(months).toBeLessThanOrEqual(14.2);
    }
  });

  test("the schema defaults to it and rejects a minor out of standard support (the old pin, 1.33)", () => {
    const config = { ...loadStackConfig("dev") };
    delete config["hardened-cluster:kubernetesVersion"];
    expect(parsePlatformConfig(config).kubernetesVersion).toBe("1.35");
    expect(() => parsePlatformConfig({ ...config, "hardened-cluster:kubernetesVersion": "1.33" })).toThrow(/hardened-cluster:kubernetesVersion: must be at least 1\.35/);
    expect(() => parsePlatformConfig({ ...config, "hardened-cluster:kubernetesVersion": "1.34" })).toThrow(/kubernetesVersion/);
  });

  test.each(["dev", "staging", "prod"] as const)("%s: the stack pins the default and EKS-007 judges it against the same list", (stack) => {
    const config = parsePlatformConfig(loadStackConfig(stack));
    expect(config.kubernetesVersion).toBe(DEFAULT_KUBERNETES_VERSION);
    const pack = packConfigFor(config);
    expect(pack.minKubernetesVersion).toBe(PLATFORM_MIN_KUBERNETES_VERSION);
    const cluster = (version: string) => resource("aws:eks/cluster:Cluster", "c", { version, upgradePolicy: { supportType: "STANDARD" } });
    expect(violationsOf("EKS-007", cluster(config.kubernetesVersion), pack)).toEqual([]);
    expect(violationsOf("EKS-007", cluster("1.34"), pack).map((v) => v.rule)).toEqual(["EKS-007"]);
  });
});
