import { HELM_RELEASE_TYPE } from "../../../policy-pack/rules/pss/pss-x01-helm-release-opaque";
import { resource, violationsOf } from "../../support/rules";

const release = (props: Record<string, any>) => resource(HELM_RELEASE_TYPE, "r", props);
const justification = "ingress controller managed by the platform team";

describe("PSS-X01 helm-release-opaque", () => {
  it("flags a Release that is not allowlisted and points at helm.sh/v4 Chart", () => {
    const v = violationsOf("PSS-X01", release({ name: "nginx", chart: "ingress-nginx" }));
    expect(v).toHaveLength(1);
    expect(v[0].message).toContain('Release name="nginx" chart="ingress-nginx"');
    expect(v[0].remediation).toContain("kubernetes:helm.sh/v4:Chart");
  });

  it("passes a Release allowlisted by name or by chart", () => {
    expect(violationsOf("PSS-X01", release({ name: "nginx", chart: "x" }), { allowedReleases: [{ name: "nginx", justification }] })).toEqual([]);
    expect(violationsOf("PSS-X01", release({ name: "n2", chart: "ingress-nginx" }), { allowedReleases: [{ name: "ingress-nginx", justification }] })).toEqual([]);
  });

  it("flags an allowlist entry without a real justification", () => {
    expect(violationsOf("PSS-X01", release({ name: "nginx" }), { allowedReleases: [{ name: "nginx", justification: "short" }] })).toHaveLength(1);
  });

  it("ignores helm.sh/v4 Charts", () => {
    expect(violationsOf("PSS-X01", resource("kubernetes:helm.sh/v4:Chart", "c", { chart: "x" }))).toEqual([]);
  });
});
