/**
 * Branch cases found by mutation testing (Stryker, group `core-k8s`) for where an object's pod spec sits
 * (core/workloads.ts `podSpecLocationOf`): built-in kinds by API group, kind and version, a built-in kind at an
 * unknown version, and the generic rule for other kinds (template spec, job template, bare template, nothing).
 */
import { podSpecLocationOf } from "../../../policy-pack/core/workloads";

const containers = { containers: [{ name: "c", image: "i" }] };

describe("podSpecLocationOf: built-in kinds", () => {
  it("finds core (no group), apps, extensions and batch kinds at their versions", () => {
    expect(podSpecLocationOf("v1", "Pod", {})).toEqual({ canonical: "kubernetes:core/v1:Pod", actualSpecPath: "spec", source: "table" });
    expect(podSpecLocationOf("apps/v1", "Deployment", {})).toEqual({ canonical: "kubernetes:apps/v1:Deployment", actualSpecPath: "spec.template.spec", source: "table" });
    expect(podSpecLocationOf("extensions/v1beta1", "DaemonSet", {})).toEqual({ canonical: "kubernetes:apps/v1:DaemonSet", actualSpecPath: "spec.template.spec", source: "table" });
    expect(podSpecLocationOf("batch/v1beta1", "CronJob", {})).toEqual({ canonical: "kubernetes:batch/v1:CronJob", actualSpecPath: "spec.jobTemplate.spec.template.spec", source: "table" });
    expect(podSpecLocationOf("v1", "PodTemplate", {})?.actualSpecPath).toBe("template.spec");
  });

  it("knows nothing of a built-in kind at an unknown version or in another group, even with a template", () => {
    const object = { spec: { template: { spec: containers } } };
    expect(podSpecLocationOf("apps/v2", "Deployment", object)).toBeUndefined();
    expect(podSpecLocationOf("v2", "Pod", object)).toBeUndefined();
    // `apps` is a group, not a version: apiVersion "apps" has no slash and is read as core group version "apps".
    expect(podSpecLocationOf("apps", "Deployment", object)).toEqual({ canonical: "kubernetes:apps/v1:Deployment", actualSpecPath: "spec.template.spec", source: "generic" });
  });
});

describe("podSpecLocationOf: other kinds (generic rule)", () => {
  it("reads spec.template.spec, spec.jobTemplate.spec.template.spec or a bare spec.template with containers", () => {
    expect(podSpecLocationOf("argoproj.io/v1alpha1", "Rollout", { spec: { template: { spec: containers } } })).toEqual({ canonical: "kubernetes:apps/v1:Deployment", actualSpecPath: "spec.template.spec", source: "generic" });
    expect(podSpecLocationOf("x.io/v1", "Scheduled", { spec: { jobTemplate: { spec: { template: { spec: containers } } } } })).toEqual({
      canonical: "kubernetes:batch/v1:CronJob",
      actualSpecPath: "spec.jobTemplate.spec.template.spec",
      source: "generic",
    });
    expect(podSpecLocationOf("x.io/v1", "Bare", { spec: { template: containers } })).toEqual({ canonical: "kubernetes:apps/v1:Deployment", actualSpecPath: "spec.template", source: "generic" });
  });

  it("finds nothing without containers, or when spec, template or job template are not objects", () => {
    expect(podSpecLocationOf("x.io/v1", "K", {})).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: [] })).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: "x" })).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: { template: { spec: { containers: "c" } } } })).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: { template: [containers] } })).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: { template: { spec: [containers] } } })).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: { jobTemplate: { spec: [] } } })).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: { jobTemplate: [{ spec: { template: { spec: containers } } }] } })).toBeUndefined();
    expect(podSpecLocationOf("x.io/v1", "K", { spec: { jobTemplate: { spec: { template: containers } } } })).toBeUndefined();
  });
});
