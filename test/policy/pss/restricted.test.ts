import { RESTRICTED_ALLOWED_CAPABILITIES, RESTRICTED_ALLOWED_VOLUME_TYPES, BASELINE_ALLOWED_CAPABILITIES } from "../../../policy-pack/baseline/pss";
import { violationsOf } from "../../support/rules";
import { CONTAINER_LISTS, FULL_OWNERS, OWNERS, at, containerWith, goodContainer, goodPod, podWithContainer, specPathOf, workload } from "./fixtures";

const LATEST = at("latest");
const VOLUME_SAMPLES: Record<string, unknown> = {
  configMap: { name: "c" }, csi: { driver: "d" }, downwardAPI: { items: [] }, emptyDir: {}, ephemeral: { volumeClaimTemplate: {} },
  image: { reference: "r" }, persistentVolumeClaim: { claimName: "p" }, projected: { sources: [] }, secret: { secretName: "s" },
};

describe.each(OWNERS)("restricted checks on %s", (owner) => {
  const sp = specPathOf(owner);

  it("R01 passes every allowed volume type and flags hostPath and nfs", () => {
    const volumes = RESTRICTED_ALLOWED_VOLUME_TYPES.map((type, i) => ({ name: `v${i}`, [type]: VOLUME_SAMPLES[type] ?? {} }));
    expect(violationsOf("PSS-R01", workload(owner, goodPod({ volumes: [...volumes, { name: "defaulted" }] })), LATEST)).toEqual([]);
    const bad = workload(owner, goodPod({ volumes: [{ name: "a", emptyDir: {} }, { name: "h", hostPath: { path: "/" } }, { name: "n", nfs: { server: "x", path: "/" } }] }));
    expect(violationsOf("PSS-R01", bad, LATEST).map((v) => v.message)).toEqual([
      expect.stringContaining(`${sp}.volumes[1].hostPath is set`),
      expect.stringContaining(`${sp}.volumes[2].nfs is set`),
    ]);
  });

  it("R04 flags runAsUser=0 at pod level, passes non-zero", () => {
    const bad = workload(owner, goodPod({ securityContext: { runAsNonRoot: true, runAsUser: 0 } }));
    expect(violationsOf("PSS-R04", bad, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.securityContext.runAsUser=0`)]);
    expect(violationsOf("PSS-R04", workload(owner, goodPod()), LATEST)).toEqual([]);
  });

  it("R03 flags pod runAsNonRoot=false", () => {
    const bad = workload(owner, goodPod({ securityContext: { runAsNonRoot: false } }));
    expect(violationsOf("PSS-R03", bad, LATEST).map((v) => v.message)).toContainEqual(expect.stringContaining(`${sp}.securityContext.runAsNonRoot=false`));
  });

  it("R05 flags pod seccompProfile.type=Unconfined", () => {
    const bad = workload(owner, goodPod({ securityContext: { runAsNonRoot: true, seccompProfile: { type: "Unconfined" } } }));
    expect(violationsOf("PSS-R05", bad, LATEST).map((v) => v.message)).toContainEqual(expect.stringContaining(`${sp}.securityContext.seccompProfile.type=Unconfined`));
  });

  describe.each(CONTAINER_LISTS)("container-level fields in %s", (list) => {
    const bad = (sc: Record<string, any>) => {
      const { spec, index } = podWithContainer(list, containerWith(sc));
      return { res: workload(owner, spec), path: `${sp}.${list}[${index}].securityContext` };
    };

    it("R02 flags allowPrivilegeEscalation=true", () => {
      const { res, path } = bad({ allowPrivilegeEscalation: true });
      const v = violationsOf("PSS-R02", res, LATEST);
      expect(v.map((x) => x.message)).toEqual([expect.stringContaining(`${path}.allowPrivilegeEscalation=true`)]);
      expect(v[0].remediation).toBe(`Set ${path}.allowPrivilegeEscalation to false.`);
    });

    it("R03 flags container runAsNonRoot=false", () => {
      const { res, path } = bad({ runAsNonRoot: false });
      expect(violationsOf("PSS-R03", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.runAsNonRoot=false`)]);
    });

    it("R04 flags container runAsUser=0", () => {
      const { res, path } = bad({ runAsUser: 0 });
      expect(violationsOf("PSS-R04", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.runAsUser=0`)]);
    });

    it("R05 flags container seccompProfile.type=Unconfined", () => {
      const { res, path } = bad({ seccompProfile: { type: "Unconfined" } });
      expect(violationsOf("PSS-R05", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.seccompProfile.type=Unconfined`)]);
    });

    it("R06 allows only NET_BIND_SERVICE and reports NET_RAW and other baseline caps", () => {
      expect(violationsOf("PSS-R06", bad({ capabilities: { drop: ["ALL"], add: [...RESTRICTED_ALLOWED_CAPABILITIES] } }).res, LATEST)).toEqual([]);
      const others = BASELINE_ALLOWED_CAPABILITIES.filter((c) => !RESTRICTED_ALLOWED_CAPABILITIES.includes(c));
      const { res, path } = bad({ capabilities: { drop: ["ALL"], add: ["NET_RAW", ...others] } });
      const v = violationsOf("PSS-R06", res, LATEST).map((x) => x.message);
      expect(v).toHaveLength(1 + others.length);
      expect(v[0]).toContain(`${path}.capabilities.add[0]=NET_RAW`);
    });

    it("R06 requires drop to include ALL", () => {
      const { res, path } = bad({ capabilities: { drop: ["NET_RAW"] } });
      expect(violationsOf("PSS-R06", res, LATEST).map((x) => x.message)).toEqual([expect.stringContaining(`${path}.capabilities.drop=["NET_RAW"]`)]);
    });

    it("R07 flags procMount=Unmasked even for a user-namespace pod at 1.35", () => {
      const { spec, index } = podWithContainer(list, containerWith({ procMount: "Unmasked" }));
      const res = workload(owner, { ...spec, hostUsers: false });
      expect(violationsOf("PSS-R07", res, at("v1.35")).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.${list}[${index}].securityContext.procMount=Unmasked`)]);
      expect(violationsOf("PSS-B10", res, at("v1.35"))).toEqual([]);
      expect(violationsOf("PSS-B10", res, at("v1.34"))).toHaveLength(1);
    });
  });
});

describe.each(FULL_OWNERS)("restricted presence requirements on %s", (owner) => {
  const sp = specPathOf(owner);
  const bare = () => workload(owner, { containers: [{ name: "app", image: "i" }], initContainers: [{ name: "init", image: "i" }] });

  it("R02 requires allowPrivilegeEscalation=false on every container (absent violates)", () => {
    expect(violationsOf("PSS-R02", bare(), LATEST).map((v) => v.message)).toEqual([
      expect.stringContaining(`${sp}.containers[0].securityContext.allowPrivilegeEscalation is not set`),
      expect.stringContaining(`${sp}.initContainers[0].securityContext.allowPrivilegeEscalation is not set`),
    ]);
  });

  it("R03 requires runAsNonRoot at pod level or on every container", () => {
    expect(violationsOf("PSS-R03", bare(), LATEST)).toHaveLength(2);
    const perContainer = workload(owner, { containers: [goodContainer("a"), goodContainer("b")] });
    expect(violationsOf("PSS-R03", perContainer, LATEST)).toEqual([]);
    const podLevel = workload(owner, { securityContext: { runAsNonRoot: true }, containers: [{ name: "a" }] });
    expect(violationsOf("PSS-R03", podLevel, LATEST)).toEqual([]);
  });

  it("R05 requires a seccomp profile at pod level or on every container", () => {
    expect(violationsOf("PSS-R05", bare(), LATEST).map((v) => v.message)).toContainEqual(expect.stringContaining(`${sp}.containers[0].securityContext.seccompProfile.type is not set`));
    const podLevel = workload(owner, { securityContext: { seccompProfile: { type: "RuntimeDefault" } }, containers: [{ name: "a" }] });
    expect(violationsOf("PSS-R05", podLevel, LATEST)).toEqual([]);
  });

  it("R06 requires drop ALL (no securityContext violates)", () => {
    expect(violationsOf("PSS-R06", bare(), LATEST).map((v) => v.message)).toContainEqual(expect.stringContaining(`${sp}.containers[0].securityContext.capabilities.drop is not set`));
  });
});

describe("Patch types never require presence", () => {
  const patch = (spec: Record<string, any>) => workload("kubernetes:apps/v1:DeploymentPatch", spec);
  it.each(["PSS-R02", "PSS-R03", "PSS-R05", "PSS-R06"])("%s passes a Patch that leaves securityContext unset", (id) => {
    expect(violationsOf(id, patch({ containers: [{ name: "app", image: "i2" }] }), LATEST)).toEqual([]);
  });
  it("a Patch that explicitly sets a bad value is flagged", () => {
    const res = patch({ containers: [{ name: "app", securityContext: { allowPrivilegeEscalation: true, capabilities: { drop: ["NET_RAW"] } } }] });
    expect(violationsOf("PSS-R02", res, LATEST)).toHaveLength(1);
    expect(violationsOf("PSS-R06", res, LATEST)).toHaveLength(1);
  });
});
