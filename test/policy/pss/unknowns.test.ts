import { violationsOf } from "../../support/rules";
import { containerWith, podWithContainer, workload } from "./fixtures";

// Internal API of @pulumi/policy 1.21.0 (pinned): the proxy the SDK wraps props in during preview.
const proxy = require("@pulumi/policy/proxy") as { unknownCheckingProxy<T>(o: T): T; unknownBooleanValue: string };

describe("preview unknowns", () => {
  it("keeps findings made before an unknown read and adds an advisory 'cannot verify'", () => {
    const { spec } = podWithContainer("containers", containerWith({ privileged: true }));
    spec.containers.push({ name: "late", securityContext: { privileged: proxy.unknownBooleanValue } });
    const res = workload("kubernetes:apps/v1:Deployment", spec);
    const v = violationsOf("PSS-B03", { ...res, props: proxy.unknownCheckingProxy(res.props) });
    expect(v.map((x) => x.level)).toEqual(["mandatory", "advisory"]);
    expect(v[1].message).toContain("cannot verify spec.template.spec at preview");
  });
});
