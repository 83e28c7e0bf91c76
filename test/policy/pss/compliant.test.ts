import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../../../policy-pack/baseline/pss";
import { pssRules } from "../../../policy-pack/rules/pss";
import { WORKLOAD_TYPES } from "../../../policy-pack/core/workloads";
import { violationsOf } from "../../support/rules";
import { at, workload } from "./fixtures";

describe("a pod built from RESTRICTED_*_SECURITY_CONTEXT", () => {
  const spec = () => ({
    securityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT },
    containers: [{ name: "app", image: "i", securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT }, ports: [{ containerPort: 8080 }] }],
    initContainers: [{ name: "init", image: "i", securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT } }],
    ephemeralContainers: [{ name: "debug", image: "i", securityContext: { ...RESTRICTED_CONTAINER_SECURITY_CONTEXT } }],
    volumes: [{ name: "tmp", emptyDir: {} }],
  });

  it.each(WORKLOAD_TYPES)("passes every PSS rule as %s at every version", (type) => {
    for (const version of ["v1.0", "v1.19", "v1.25", "v1.31", "v1.35", "latest"]) {
      for (const rule of pssRules) expect([rule.id, version, violationsOf(rule.id, workload(type, spec()), at(version))]).toEqual([rule.id, version, []]);
    }
  });

  it("containers without their own context pass when the pod context is restricted and drop ALL is set", () => {
    const res = workload("kubernetes:core/v1:Pod", { securityContext: { ...RESTRICTED_POD_SECURITY_CONTEXT }, containers: [{ name: "a", securityContext: { allowPrivilegeEscalation: false, capabilities: { drop: ["ALL"] } } }] });
    for (const rule of pssRules) expect(violationsOf(rule.id, res, at("latest"))).toEqual([]);
  });

  it("the shared contexts are frozen", () => {
    expect(Object.isFrozen(RESTRICTED_CONTAINER_SECURITY_CONTEXT.capabilities.drop)).toBe(true);
    expect(Object.isFrozen(RESTRICTED_POD_SECURITY_CONTEXT)).toBe(true);
  });
});
