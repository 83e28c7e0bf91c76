import { WORKLOAD_TYPES, containersOf, isPatchType, podSpecOf, pulumiTypeOf, toPulumiResource } from "../../../policy-pack/core/workloads";
import { metadataPathOf, specPathOf, workload } from "./fixtures";

describe("workload types", () => {
  it("has 9 base tokens and their Patch variants", () => {
    expect(WORKLOAD_TYPES).toHaveLength(18);
    expect(WORKLOAD_TYPES.filter(isPatchType)).toHaveLength(9);
    expect(WORKLOAD_TYPES).toContain("kubernetes:batch/v1:CronJobPatch");
  });

  it.each(WORKLOAD_TYPES)("podSpecOf finds the pod spec and template metadata of %s", (type) => {
    const res = workload(type, { containers: [{ name: "x" }] }, { podMetadata: { annotations: { a: "b" } } });
    const view = podSpecOf(type, res.props)!;
    expect(view.spec.containers[0].name).toBe("x");
    expect(view.metadata.annotations).toEqual({ a: "b" });
    expect(view.specPath).toBe(specPathOf(type));
    expect(view.metadataPath).toBe(metadataPathOf(type));
    expect(view.isPatch).toBe(type.endsWith("Patch"));
  });

  it("returns undefined for other types and {} for a missing spec", () => {
    expect(podSpecOf("kubernetes:core/v1:Service", {})).toBeUndefined();
    expect(podSpecOf("kubernetes:batch/v1:CronJob", {})?.spec).toEqual({});
  });

  it("visits containers, init containers and ephemeral containers in order", () => {
    const refs = containersOf({ containers: [{ name: "a" }, { name: "b" }], initContainers: [{ name: "i" }], ephemeralContainers: [{ name: "e" }] });
    expect(refs.map((r) => r.path)).toEqual(["containers[0]", "containers[1]", "initContainers[0]", "ephemeralContainers[0]"]);
    expect(refs.map((r) => r.name)).toEqual(["a", "b", "i", "e"]);
  });
});

describe("plain objects to Pulumi types", () => {
  it.each([
    ["v1", "Pod", "kubernetes:core/v1:Pod"],
    ["apps/v1", "Deployment", "kubernetes:apps/v1:Deployment"],
    ["rbac.authorization.k8s.io/v1", "ClusterRole", "kubernetes:rbac.authorization.k8s.io/v1:ClusterRole"],
    ["networking.k8s.io/v1", "NetworkPolicy", "kubernetes:networking.k8s.io/v1:NetworkPolicy"],
    ["example.com/v1alpha1", "Widget", "kubernetes:example.com/v1alpha1:Widget"],
  ])("%s %s -> %s", (apiVersion, kind, token) => {
    expect(pulumiTypeOf(apiVersion, kind)).toBe(token);
  });

  it("strips apiVersion and kind from the props", () => {
    const out = toPulumiResource({ apiVersion: "batch/v1", kind: "Job", metadata: { name: "j" }, spec: { template: {} } });
    expect(out).toEqual({ type: "kubernetes:batch/v1:Job", props: { metadata: { name: "j" }, spec: { template: {} } } });
  });

  it("rejects objects without apiVersion or kind", () => {
    expect(() => pulumiTypeOf("", "Pod")).toThrow(/apiVersion and kind/);
  });
});
