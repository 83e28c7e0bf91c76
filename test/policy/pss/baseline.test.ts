import {
  BASELINE_ALLOWED_CAPABILITIES,
  SELINUX_TYPE_STEPS,
  SYSCTL_ALLOWLIST_STEPS,
  allowedSeLinuxTypes,
  allowedSysctls,
  parsePssVersion,
} from "../../../policy-pack/baseline/pss";
import { violationsOf } from "../../support/rules";
import { CONTAINER_LISTS, OWNERS, at, containerWith, goodPod, metadataPathOf, podWithContainer, specPathOf, workload } from "./fixtures";

const LATEST = at("latest");

describe.each(OWNERS)("baseline checks on %s", (owner) => {
  const sp = specPathOf(owner);

  describe.each(CONTAINER_LISTS)("container-level fields in %s", (list) => {
    const bad = (sc: Record<string, any>, extra: Record<string, any> = {}) => {
      const { spec, index } = podWithContainer(list, containerWith(sc, extra));
      return { res: workload(owner, spec), path: `${sp}.${list}[${index}]` };
    };

    it("B01 flags container windowsOptions.hostProcess=true, passes false", () => {
      const { res, path } = bad({ windowsOptions: { hostProcess: true } });
      expect(violationsOf("PSS-B01", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.securityContext.windowsOptions.hostProcess=true`)]);
      expect(violationsOf("PSS-B01", bad({ windowsOptions: { hostProcess: false } }).res, LATEST)).toEqual([]);
    });

    it("B03 flags privileged=true, passes false", () => {
      const { res, path } = bad({ privileged: true });
      const v = violationsOf("PSS-B03", res, LATEST);
      expect(v).toHaveLength(1);
      expect(v[0].message).toContain(`${path}.securityContext.privileged=true`);
      expect(v[0].remediation).toContain(`Set ${path}.securityContext.privileged to false`);
      expect(violationsOf("PSS-B03", bad({ privileged: false }).res, LATEST)).toEqual([]);
    });

    it("B04 passes every allowed capability and flags NET_RAW with its index", () => {
      expect(violationsOf("PSS-B04", bad({ capabilities: { drop: ["ALL"], add: [...BASELINE_ALLOWED_CAPABILITIES] } }).res, LATEST)).toEqual([]);
      const { res, path } = bad({ capabilities: { add: [BASELINE_ALLOWED_CAPABILITIES[0], "NET_RAW", "SYS_ADMIN"] } });
      const v = violationsOf("PSS-B04", res, LATEST);
      expect(v.map((x) => x.message)).toEqual([
        expect.stringContaining(`${path}.securityContext.capabilities.add[1]=NET_RAW`),
        expect.stringContaining(`${path}.securityContext.capabilities.add[2]=SYS_ADMIN`),
      ]);
      expect(v[0].remediation).toContain(`Remove NET_RAW from ${path}.securityContext.capabilities.add`);
    });

    it("B06 flags a non-zero hostPort, passes 0 and absent", () => {
      const { res, path } = bad({}, { ports: [{ containerPort: 80 }, { containerPort: 81, hostPort: 8081 }, { containerPort: 82, hostPort: 0 }] });
      expect(violationsOf("PSS-B06", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.ports[1].hostPort=8081`)]);
    });

    it.each([
      ["livenessProbe.httpGet", { livenessProbe: { httpGet: { port: 80, host: "10.0.0.1" } } }],
      ["readinessProbe.tcpSocket", { readinessProbe: { tcpSocket: { port: 80, host: "evil" } } }],
      ["startupProbe.httpGet", { startupProbe: { httpGet: { port: 80, host: "evil" } } }],
      ["lifecycle.postStart.httpGet", { lifecycle: { postStart: { httpGet: { port: 80, host: "evil" } } } }],
      ["lifecycle.preStop.tcpSocket", { lifecycle: { preStop: { tcpSocket: { port: 80, host: "evil" } } } }],
    ])("B07 flags %s.host at 1.34, not at 1.33", (field, extra) => {
      const { res, path } = bad({}, extra);
      expect(violationsOf("PSS-B07", res, at("v1.34")).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.${field}.host=`)]);
      expect(violationsOf("PSS-B07", res, at("v1.33"))).toEqual([]);
    });

    it('B07 passes host "" and absent', () => {
      const { res } = bad({}, { livenessProbe: { httpGet: { port: 80, host: "" } }, readinessProbe: { tcpSocket: { port: 80 } } });
      expect(violationsOf("PSS-B07", res, LATEST)).toEqual([]);
    });

    it("B08 flags container appArmorProfile.type=Unconfined, passes allowed types", () => {
      const { res, path } = bad({ appArmorProfile: { type: "Unconfined" } });
      expect(violationsOf("PSS-B08", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.securityContext.appArmorProfile.type=Unconfined`)]);
      for (const type of ["RuntimeDefault", "Localhost"]) expect(violationsOf("PSS-B08", bad({ appArmorProfile: { type } }).res, LATEST)).toEqual([]);
    });

    it("B09 passes every allowed SELinux type at latest and flags user/role/other types", () => {
      for (const type of allowedSeLinuxTypes(parsePssVersion("latest"))) {
        expect(violationsOf("PSS-B09", bad({ seLinuxOptions: { type } }).res, LATEST)).toEqual([]);
      }
      const { res, path } = bad({ seLinuxOptions: { type: "spc_t", user: "system_u", role: "sysadm_r" } });
      expect(violationsOf("PSS-B09", res, LATEST).map((v) => v.message)).toEqual([
        expect.stringContaining(`${path}.securityContext.seLinuxOptions.type=spc_t`),
        expect.stringContaining(`${path}.securityContext.seLinuxOptions.user=system_u`),
        expect.stringContaining(`${path}.securityContext.seLinuxOptions.role=sysadm_r`),
      ]);
    });

    it("B10 flags procMount=Unmasked, passes Default", () => {
      const { res, path } = bad({ procMount: "Unmasked" });
      expect(violationsOf("PSS-B10", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.securityContext.procMount=Unmasked`)]);
      expect(violationsOf("PSS-B10", bad({ procMount: "Default" }).res, LATEST)).toEqual([]);
    });

    it("B11 flags container seccompProfile.type=Unconfined, passes RuntimeDefault/Localhost", () => {
      const { res, path } = bad({ seccompProfile: { type: "Unconfined" } });
      expect(violationsOf("PSS-B11", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${path}.securityContext.seccompProfile.type=Unconfined`)]);
      expect(violationsOf("PSS-B11", bad({ seccompProfile: { type: "Localhost", localhostProfile: "p.json" } }).res, LATEST)).toEqual([]);
    });
  });

  describe("pod-level fields", () => {
    it("B01 flags pod windowsOptions.hostProcess", () => {
      const res = workload(owner, goodPod({ securityContext: { windowsOptions: { hostProcess: true } } }));
      expect(violationsOf("PSS-B01", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.securityContext.windowsOptions.hostProcess=true`)]);
    });

    it.each(["hostNetwork", "hostPID", "hostIPC"])("B02 flags %s=true, passes false", (field) => {
      const v = violationsOf("PSS-B02", workload(owner, goodPod({ [field]: true })), LATEST);
      expect(v.map((x) => x.message)).toEqual([expect.stringContaining(`${sp}.${field}=true`)]);
      expect(v[0].remediation).toBe(`Set ${sp}.${field} to false or remove it.`);
      expect(violationsOf("PSS-B02", workload(owner, goodPod({ [field]: false })), LATEST)).toEqual([]);
    });

    it("B05 flags hostPath volumes by index", () => {
      const res = workload(owner, goodPod({ volumes: [{ name: "ok", emptyDir: {} }, { name: "docker", hostPath: { path: "/var/run/docker.sock" } }] }));
      expect(violationsOf("PSS-B05", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.volumes[1].hostPath.path=/var/run/docker.sock`)]);
    });

    it("B08 flags an unconfined AppArmor annotation on the pod metadata and passes allowed values", () => {
      const key = "container.apparmor.security.beta.kubernetes.io/app";
      const bad = workload(owner, goodPod(), { podMetadata: { annotations: { [key]: "unconfined" } } });
      expect(violationsOf("PSS-B08", bad, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${metadataPathOf(owner)}.annotations["${key}"]=unconfined`)]);
      for (const value of ["", "runtime/default", "localhost/my-profile"]) {
        expect(violationsOf("PSS-B08", workload(owner, goodPod(), { podMetadata: { annotations: { [key]: value } } }), LATEST)).toEqual([]);
      }
    });

    it("B08 flags pod appArmorProfile.type=Unconfined", () => {
      const res = workload(owner, goodPod({ securityContext: { appArmorProfile: { type: "Unconfined" } } }));
      expect(violationsOf("PSS-B08", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.securityContext.appArmorProfile.type=Unconfined`)]);
    });

    it("B09 gates container_engine_t at 1.31", () => {
      const res = workload(owner, goodPod({ securityContext: { seLinuxOptions: { type: "container_engine_t" } } }));
      expect(violationsOf("PSS-B09", res, at("v1.31"))).toEqual([]);
      expect(violationsOf("PSS-B09", res, at("v1.30")).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.securityContext.seLinuxOptions.type=container_engine_t`)]);
      for (const step of SELINUX_TYPE_STEPS) {
        for (const type of step.types) {
          const ok = workload(owner, goodPod({ securityContext: { seLinuxOptions: { type } } }));
          expect(violationsOf("PSS-B09", ok, at(`v${step.since}`))).toEqual([]);
        }
      }
    });

    it("B11 flags pod seccompProfile.type=Unconfined from 1.19 and the alpha annotation before", () => {
      const res = workload(owner, goodPod({ securityContext: { seccompProfile: { type: "Unconfined" } } }));
      expect(violationsOf("PSS-B11", res, at("v1.19")).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.securityContext.seccompProfile.type=Unconfined`)]);
      const annotated = workload(owner, goodPod(), { podMetadata: { annotations: { "seccomp.security.alpha.kubernetes.io/pod": "unconfined" } } });
      expect(violationsOf("PSS-B11", annotated, at("v1.18")).map((v) => v.message)).toEqual([expect.stringContaining("seccomp.security.alpha.kubernetes.io/pod")]);
      expect(violationsOf("PSS-B11", annotated, at("v1.19"))).toEqual([]);
    });

    it("B12 allows each sysctl exactly from the version that introduced it", () => {
      const steps = SYSCTL_ALLOWLIST_STEPS;
      steps.forEach((step, i) => {
        for (const name of step.names) {
          const res = workload(owner, goodPod({ securityContext: { sysctls: [{ name, value: "1" }] } }));
          expect(violationsOf("PSS-B12", res, at(`v${step.since}`))).toEqual([]);
          if (i > 0) {
            const before = `v1.${parsePssVersion(step.since).minor - 1}`;
            expect(violationsOf("PSS-B12", res, at(before)).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.securityContext.sysctls[0].name=${name}`)]);
          }
        }
      });
      expect(allowedSysctls(parsePssVersion("latest"))).toHaveLength(steps.flatMap((s) => s.names).length);
    });

    it("B12 flags an unsafe sysctl", () => {
      const res = workload(owner, goodPod({ securityContext: { sysctls: [{ name: "kernel.shm_rmid_forced", value: "1" }, { name: "kernel.msgmax", value: "1" }] } }));
      expect(violationsOf("PSS-B12", res, LATEST).map((v) => v.message)).toEqual([expect.stringContaining(`${sp}.securityContext.sysctls[1].name=kernel.msgmax`)]);
    });
  });
});
