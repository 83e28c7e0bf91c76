import { PSS_CHECKS, type PssCheckId } from "../../../policy-pack/baseline/pss";
import { violationsOf } from "../../support/rules";
import { at, containerWith, goodPod, podWithContainer, workload } from "./fixtures";

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const privileged = () => workload(DEPLOYMENT, podWithContainer("containers", containerWith({ privileged: true })).spec);
const netRaw = (extra: Record<string, any> = {}, namespace = "team-a") =>
  workload(DEPLOYMENT, { ...podWithContainer("containers", containerWith({ capabilities: { drop: ["ALL"], add: ["NET_RAW"] } })).spec, ...extra }, { namespace });

describe("namespace exemptions", () => {
  it("skips workloads in podSecurityExemptNamespaces (default kube-system)", () => {
    const sys = workload(DEPLOYMENT, podWithContainer("containers", containerWith({ privileged: true })).spec, { namespace: "kube-system" });
    expect(violationsOf("PSS-B03", sys)).toEqual([]);
    expect(violationsOf("PSS-B03", privileged())).toHaveLength(1);
    expect(violationsOf("PSS-B03", privileged(), { podSecurityExemptNamespaces: ["team-a"] })).toEqual([]);
  });

  it("uses the provider namespace when metadata.namespace is absent", () => {
    const res = privileged();
    delete res.props.metadata.namespace;
    expect(violationsOf("PSS-B03", { ...res, providerNamespace: "kube-system" })).toEqual([]);
    expect(violationsOf("PSS-B03", res)).toHaveLength(1);
  });

  it("baselineOnlyNamespaces: restricted-only checks skip, overriding checks fall back to the baseline check", () => {
    const cfg = at("latest", { baselineOnlyNamespaces: ["team-a"] });
    const bare = workload(DEPLOYMENT, { containers: [{ name: "a", image: "i" }] });
    expect(violationsOf("PSS-R02", bare, cfg)).toEqual([]);
    expect(violationsOf("PSS-R06", bare, cfg)).toEqual([]);
    expect(violationsOf("PSS-R06", netRaw(), cfg).map((v) => v.message)).toEqual([expect.stringContaining("add[0]=NET_RAW")]);
    expect(violationsOf("PSS-R02", bare, at("latest"))).toHaveLength(1);
  });
});

describe("version gates", () => {
  it.each(Object.entries(PSS_CHECKS).filter(([, c]) => c.minVersion !== "1.0" && !c.overrides))("%s does not run below its minimum version", (id) => {
    const min = Number(PSS_CHECKS[id as PssCheckId].minVersion.split(".")[1]);
    const fixtures: Record<string, Record<string, any>> = {
      "PSS-B07": podWithContainer("containers", containerWith({}, { livenessProbe: { httpGet: { port: 1, host: "h" } } })).spec,
      "PSS-R02": podWithContainer("containers", containerWith({ allowPrivilegeEscalation: true })).spec,
      "PSS-R04": podWithContainer("containers", containerWith({ runAsUser: 0 })).spec,
    };
    const bad = fixtures[id] ?? {};
    expect(violationsOf(id, workload(DEPLOYMENT, bad), at(`v1.${min}`))).toHaveLength(1);
    expect(violationsOf(id, workload(DEPLOYMENT, bad), at(`v1.${min - 1}`))).toEqual([]);
  });

  it("R06 below 1.22 runs the baseline capabilities check it overrides", () => {
    const dropMissing = workload(DEPLOYMENT, podWithContainer("containers", containerWith({ capabilities: { add: ["CHOWN"] } })).spec);
    expect(violationsOf("PSS-R06", dropMissing, at("v1.21"))).toEqual([]);
    expect(violationsOf("PSS-R06", dropMissing, at("v1.22"))).toHaveLength(2);
    expect(violationsOf("PSS-R06", netRaw(), at("v1.21"))).toHaveLength(1);
  });

  it("R05 below 1.19 runs the annotation-based baseline seccomp check", () => {
    const res = workload(DEPLOYMENT, { containers: [{ name: "a" }] }, { podMetadata: { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" } } });
    expect(violationsOf("PSS-R05", res, at("v1.18"))).toHaveLength(1);
  });

  it("an invalid podSecurityVersion falls back to latest", () => {
    const res = workload(DEPLOYMENT, podWithContainer("containers", containerWith({}, { livenessProbe: { httpGet: { port: 1, host: "h" } } })).spec);
    expect(violationsOf("PSS-B07", res, at("1.x"))).toHaveLength(1);
  });
});

describe("Windows and user-namespace exemptions", () => {
  const windows = { os: { name: "windows" } };
  it.each(["PSS-R02", "PSS-R05", "PSS-R06"])("%s exempts Windows pods from 1.25, not before", (id) => {
    const res = workload(DEPLOYMENT, { ...windows, containers: [{ name: "a", image: "i" }] });
    expect(violationsOf(id, res, at("v1.25"))).toEqual([]);
    expect(violationsOf(id, res, at("v1.24")).length).toBeGreaterThan(0);
  });

  it.each([
    ["PSS-R03", { runAsNonRoot: false }],
    ["PSS-R04", { runAsUser: 0 }],
  ])("%s exempts user-namespace pods from 1.35", (id, sc) => {
    const res = workload(DEPLOYMENT, { ...podWithContainer("containers", containerWith(sc)).spec, hostUsers: false });
    expect(violationsOf(id, res, at("v1.35"))).toEqual([]);
    expect(violationsOf(id, res, at("v1.34"))).toHaveLength(1);
  });

  it("B10 relaxes procMount for user-namespace pods from 1.35 only", () => {
    const spec = podWithContainer("containers", containerWith({ procMount: "Unmasked" })).spec;
    expect(violationsOf("PSS-B10", workload(DEPLOYMENT, { ...spec, hostUsers: false }), at("v1.35"))).toEqual([]);
    expect(violationsOf("PSS-B10", workload(DEPLOYMENT, spec), at("v1.35"))).toHaveLength(1);
  });
});

describe("NET_RAW (S2)", () => {
  it("is reported by B04 (baseline) and by R06 (restricted)", () => {
    expect(violationsOf("PSS-B04", netRaw())).toHaveLength(1);
    expect(violationsOf("PSS-R06", netRaw())).toHaveLength(1);
  });
});

describe("non-workloads", () => {
  it("ignores other kinds and workloads without a pod spec", () => {
    expect(violationsOf("PSS-R02", workload("kubernetes:apps/v1:DeploymentPatch", {}))).toEqual([]);
    expect(violationsOf("PSS-R02", workload("kubernetes:apps/v1:Deployment", goodPod()))).toEqual([]);
  });
});
