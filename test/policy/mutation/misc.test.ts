/**
 * Branch cases found by mutation testing (Stryker) for SA-001/002, SVC-001/002 and IMG-001..003: messages and
 * remediations that name the offending value and the fix, alternative spellings of "the default service account",
 * Patch semantics (flag only explicit values), Services without spec/metadata.name, source-range edge cases, and
 * preview unknowns (advisory "cannot verify", never a silent pass or a mandatory failure).
 */
import type { Violation } from "../../../policy-pack/core/evaluate";
import type { StackResource } from "../../../policy-pack/core/rule";
import { imageFields } from "../../../policy-pack/rules/image/containers";
import { resource, violationsOf } from "../../support/rules";
import { previewed, sdkProxy } from "../../support/unknowns";
import { T, deployment, expectViolations, inNs, tenantNs } from "../k8s/fixtures";

const S = sdkProxy.unknownStringValue;
const B = sdkProxy.unknownBooleanValue;
const O = sdkProxy.unknownObjectValue;

const ECR = "123456789012.dkr.ecr.eu-west-1.amazonaws.com";
const DIGEST = `sha256:${"b".repeat(64)}`;
const levels = (vs: Violation[]) => vs.map((v) => v.level);

// ---------------------------------------------------------------------------------------------------------
// SA-001 default-sa-no-automount
// ---------------------------------------------------------------------------------------------------------

describe("SA-001 preview unknowns and the finding's fix", () => {
  it("a Namespace whose labels are unknown is deferred (advisory naming metadata.labels), not judged", () => {
    const ns = previewed(resource(T.namespace, "team-a", { metadata: { name: "team-a", labels: O } }));
    const vs = violationsOf("SA-001", [ns]);
    expectViolations(vs, "SA-001", "advisory", "cannot verify metadata.labels");
    expect(vs.map((v) => v.urn)).toEqual([ns.urn]);
  });

  it("a service account whose namespace is unknown defers the tenant verdict: advisory naming the tenant, no mandatory", () => {
    const ns = tenantNs("team-a");
    const sa = previewed(inNs(T.serviceAccountPatch, "default", S, { automountServiceAccountToken: false }));
    const vs = violationsOf("SA-001", [ns, sa]);
    expect(levels(vs)).toEqual(["advisory", "advisory"]);
    expect(vs.find((v) => v.urn === sa.urn)?.message).toContain("cannot verify metadata.namespace");
    expect(vs.find((v) => v.urn === ns.urn)?.message).toContain(`automountServiceAccountToken of the service accounts in "team-a"`);
  });

  it("an unknown automountServiceAccountToken on the default patch is deferred, naming the tenant", () => {
    const ns = tenantNs("team-a");
    const vs = violationsOf("SA-001", [ns, previewed(inNs(T.serviceAccountPatch, "default", "team-a", { automountServiceAccountToken: B }))]);
    expectViolations(vs, "SA-001", "advisory", `service accounts in "team-a"`);
    expect(vs.map((v) => v.urn)).toEqual([ns.urn]);
  });

  it("the mandatory finding's remediation spells out the patch for that namespace", () => {
    const vs = violationsOf("SA-001", [tenantNs("team-a")]);
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].message).toContain(`tenant namespace "team-a"`);
    expect(vs[0].remediation).toContain(`{metadata: {name: "default", namespace: "team-a"}, automountServiceAccountToken: false}`);
  });

  it("a ServiceAccount without metadata (autonamed, in the provider's namespace) is not the default SA", () => {
    const autonamed = resource(T.serviceAccount, "app", { automountServiceAccountToken: false }, { providerNamespace: "team-a" });
    expectViolations(violationsOf("SA-001", [tenantNs("team-a"), autonamed]), "SA-001", "mandatory", `"team-a"`);
  });
});

// ---------------------------------------------------------------------------------------------------------
// SA-002 workload-token-automount
// ---------------------------------------------------------------------------------------------------------

describe("SA-002 spellings of the default service account, Patch semantics, messages", () => {
  it.each([
    ["serviceAccountName absent", {}],
    ["serviceAccountName empty", { serviceAccountName: "" }],
    ["serviceAccountName and the deprecated serviceAccount both null", { serviceAccountName: null, serviceAccount: null }],
  ])("✘ %s means the default service account (message says absent)", (_t, spec) => {
    const vs = violationsOf("SA-002", deployment("w", "team-a", { containers: [], ...spec }));
    expectViolations(vs, "SA-002", "advisory", "spec.template.spec.serviceAccountName is absent (the default service account)");
    expect(vs[0].message).toContain("spec.template.spec.automountServiceAccountToken is not false");
  });

  it('✘ explicit "default" with automount true: the message quotes both values', () => {
    const vs = violationsOf("SA-002", deployment("w", "team-a", { serviceAccountName: "default", automountServiceAccountToken: true }));
    expectViolations(vs, "SA-002", "advisory", `spec.template.spec.serviceAccountName is "default" and spec.template.spec.automountServiceAccountToken is true`);
  });

  it("✘ the deprecated serviceAccount alias naming default counts", () => {
    expectViolations(violationsOf("SA-002", deployment("w", "team-a", { serviceAccount: "default" })), "SA-002", "advisory", `serviceAccountName is "default"`);
  });

  it("✔ the deprecated serviceAccount alias naming a dedicated SA", () => {
    expect(violationsOf("SA-002", deployment("w", "team-a", { serviceAccount: "api" }))).toEqual([]);
  });

  it("the remediation names the pod spec path of the workload kind", () => {
    const vs = violationsOf("SA-002", inNs(T.pod, "p", "team-a", { spec: { containers: [] } }));
    expect(vs).toHaveLength(1);
    expect(vs[0].message).toContain("spec.serviceAccountName is absent");
    expect(vs[0].remediation).toBe("Set spec.automountServiceAccountToken to false, or spec.serviceAccountName to a dedicated service account.");
  });

  const patch = (podSpec: Record<string, unknown>) => inNs(T.deploymentPatch, "w", "team-a", { spec: { template: { spec: podSpec } } });
  it.each([
    ["a dedicated SA with automount true", { serviceAccountName: "api", automountServiceAccountToken: true }],
    ["default named but automount untouched", { serviceAccountName: "default" }],
    ["automount true but serviceAccountName untouched", { automountServiceAccountToken: true }],
  ])("✔ Patch: %s (only explicit default + true is flagged)", (_t, podSpec) => {
    expect(violationsOf("SA-002", patch(podSpec))).toEqual([]);
  });

  it("an unknown serviceAccountName is deferred: advisory naming the fields", () => {
    const vs = violationsOf("SA-002", previewed(deployment("w", "team-a", { serviceAccountName: S, automountServiceAccountToken: true })));
    expectViolations(vs, "SA-002", "advisory", "cannot verify serviceAccountName / automountServiceAccountToken");
  });
});

// ---------------------------------------------------------------------------------------------------------
// SVC-001 sensitive-tenant-no-external-service
// ---------------------------------------------------------------------------------------------------------

describe("SVC-001 names, absent spec, source ranges, unknowns", () => {
  const stack = (...svcs: StackResource[]) => [tenantNs("vault", "sensitive"), tenantNs("web"), ...svcs];
  const allow = (name: string) => ({ allowedExternalServices: [{ name, justification: "partner integration reviewed by security 2026" }] });
  const lb = (ranges?: unknown) => inNs(T.service, "s", "web", { spec: { type: "LoadBalancer", ...(ranges === undefined ? {} : { loadBalancerSourceRanges: ranges }) } });

  it("the allow-list matches metadata.name, not the Pulumi resource name", () => {
    const svc = resource(T.service, "pulumi-name", { metadata: { name: "real", namespace: "vault" }, spec: { type: "NodePort" } });
    expect(violationsOf("SVC-001", stack(svc), allow("vault/real"))).toEqual([]);
    const vs = violationsOf("SVC-001", stack(svc), allow("vault/pulumi-name"));
    expectViolations(vs, "SVC-001", "mandatory", `spec.type is "NodePort" in sensitive tenant namespace "vault"`);
    expect(vs[0].remediation).toContain(`allow-list "vault/real"`);
  });

  it("without metadata.name the Pulumi name is the service name (allow-list and remediation)", () => {
    const svc = resource(T.service, "s", { metadata: { namespace: "vault" }, spec: { type: "LoadBalancer" } });
    expect(violationsOf("SVC-001", stack(svc), allow("vault/s"))).toEqual([]);
    const vs = violationsOf("SVC-001", stack(svc));
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].remediation).toBe(`Set spec.type to "ClusterIP" and expose it through the shared internal ingress, or allow-list "vault/s" in config allowedExternalServices.`);
  });

  it("✔ a Service without spec (ClusterIP by default) in a sensitive tenant", () => {
    expect(violationsOf("SVC-001", stack(resource(T.service, "s", { metadata: { name: "s", namespace: "vault" } })))).toEqual([]);
  });

  it.each([
    ["absent", undefined, "spec.loadBalancerSourceRanges is absent"],
    ["empty", [], "spec.loadBalancerSourceRanges is absent"],
    ["trusted plus 0.0.0.0/0", ["203.0.113.0/24", "0.0.0.0/0"], `spec.loadBalancerSourceRanges is ["203.0.113.0/24","0.0.0.0/0"]`],
    ["::/0", ["::/0"], `spec.loadBalancerSourceRanges is ["::/0"]`],
  ])("✘ internet-facing LoadBalancer, source ranges %s", (_t, ranges, text) => {
    const svc = lb(ranges);
    const vs = violationsOf("SVC-001", stack(svc));
    expectViolations(vs, "SVC-001", "mandatory", text);
    expect(vs.map((v) => v.urn)).toEqual([svc.urn]);
    expect(vs[0].remediation).toContain(`metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] to "internal", or spec.loadBalancerSourceRanges to trusted CIDRs`);
  });

  it("the remediation never recommends a LoadBalancer the tenant quota rejects: ClusterIP in a tenant, restriction outside", () => {
    const [inTenant] = violationsOf("SVC-001", stack(lb()));
    expect(inTenant.remediation).toMatch(/^Set spec\.type to "ClusterIP" and expose it through the shared internal ingress \(tenant namespace "web": the default quota allows 0 LoadBalancers/);
    const outside = inNs(T.service, "s", "ops", { spec: { type: "LoadBalancer" } });
    const [elsewhere] = violationsOf("SVC-001", stack(outside));
    expect(elsewhere.remediation).toBe(`Set metadata.annotations["service.beta.kubernetes.io/aws-load-balancer-scheme"] to "internal", or spec.loadBalancerSourceRanges to trusted CIDRs (not 0.0.0.0/0 or ::/0).`);
  });

  it("✔ LoadBalancer restricted to several trusted ranges", () => {
    expect(violationsOf("SVC-001", stack(lb(["203.0.113.0/24", "198.51.100.0/24"])))).toEqual([]);
  });

  it.each([
    ["metadata.namespace", inNs(T.service, "s", S, { spec: { type: "NodePort" } })],
    ["spec.type in a sensitive tenant", inNs(T.service, "s", "vault", { spec: { type: S } })],
  ])("unknown %s is deferred: advisory on the Service, never mandatory", (_t, svc) => {
    const target = previewed(svc);
    const vs = violationsOf("SVC-001", stack(target));
    expectViolations(vs, "SVC-001", "advisory", "cannot verify metadata.namespace / spec.type");
    expect(vs.map((v) => v.urn)).toEqual([target.urn]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// SVC-002 service-no-external-ips
// ---------------------------------------------------------------------------------------------------------

describe("SVC-002 objects without spec", () => {
  it.each([
    ["a ServicePatch that only adds annotations", inNs(T.service + "Patch", "s", "team-a", { metadata: { annotations: { team: "web" } } })],
    ["a Service without spec", inNs(T.service, "s", "team-a")],
  ])("✔ %s", (_t, svc) => {
    expect(violationsOf("SVC-002", svc)).toEqual([]);
  });
});

// ---------------------------------------------------------------------------------------------------------
// IMG-001..003 and their shared container walk
// ---------------------------------------------------------------------------------------------------------

describe("IMG containers without an image", () => {
  const resourcesOnly = inNs(T.deploymentPatch, "w", "team-a", {
    spec: { template: { spec: { containers: [{ name: "app", resources: { limits: { memory: "512Mi" } } }, { name: "side", image: null }] } } },
  });
  it.each(["IMG-001", "IMG-002", "IMG-003"])("✔ %s: a Patch changing only container resources (image untouched) is not judged", (rule) => {
    expect(violationsOf(rule, resourcesOnly)).toEqual([]);
  });
  it("only the containers that name an image are checked, with their own path", () => {
    const w = deployment("w", "team-a", { containers: [{ name: "a" }, { name: "b", image: "nginx" }] });
    expectViolations(violationsOf("IMG-002", w), "IMG-002", "mandatory", `spec.template.spec.containers[1].image "nginx"`);
  });
  it("imageFields of a non-workload object is empty and reports nothing", () => {
    const report = jest.fn();
    expect(imageFields(inNs(T.service, "s", "team-a", { spec: { type: "ClusterIP" } }), report)).toEqual([]);
    expect(report).not.toHaveBeenCalled();
  });
});

describe("IMG-001 remediation suggests the same repository in ECR", () => {
  it.each([
    ["an official Docker Hub image drops the implicit library/", "nginx:1.27", `${ECR}/nginx:<version>`],
    ["a Docker Hub org image keeps its org", "bitnami/redis:7", `${ECR}/bitnami/redis:<version>`],
    ["a library path segment elsewhere is kept", "ghcr.io/acme/library/app:1", `${ECR}/acme/library/app:<version>`],
  ])("%s", (_t, image, suggestion) => {
    const vs = violationsOf("IMG-001", deployment("w", "team-a", { containers: [{ name: "c", image }] }));
    expect(levels(vs)).toEqual(["mandatory"]);
    expect(vs[0].remediation).toBe(`Set spec.template.spec.containers[0].image to an image in an allowed registry (e.g. ${suggestion}).`);
  });
});

describe("IMG-002 message says why, remediation suggests a version tag", () => {
  it.each([
    ["explicit latest", `${ECR}/app:latest`, `uses tag "latest"`],
    ["no tag or digest", `${ECR}/app`, "has no tag or digest (implies latest)"],
    ["latest with a digest", `${ECR}/app:latest@${DIGEST}`, `uses tag "latest"`],
  ])("✘ %s", (_t, image, why) => {
    const vs = violationsOf("IMG-002", deployment("w", "team-a", { containers: [{ name: "c", image }] }));
    expectViolations(vs, "IMG-002", "mandatory", `spec.template.spec.containers[0].image "${image}" ${why}`);
    expect(vs).toHaveLength(1);
    expect(vs[0].remediation).toBe(`Set spec.template.spec.containers[0].image to a version tag, e.g. "${ECR}/app:1.4.2".`);
  });
  it("a registry port is not mistaken for a tag in the suggestion", () => {
    const vs = violationsOf("IMG-002", deployment("w", "team-a", { containers: [{ name: "c", image: "localhost:5000/x" }] }));
    expect(vs[0].message).toContain("has no tag or digest");
    expect(vs[0].remediation).toContain(`e.g. "localhost:5000/x:1.4.2"`);
  });
});
