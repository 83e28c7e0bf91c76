/**
 * Boundary and branch cases found by mutation testing (Stryker) for PSS-B01..B12, PSS-R01..R07 and PSS-X01:
 * the pre-1.19 seccomp annotations, Patch objects that leave a field unset, null/empty values the API server
 * treats as absent, Helm release allowlist justifications at the length boundary, and the messages and fixes
 * each finding gives (they name the offending field, its value and what to set instead).
 */
import { HELM_RELEASE_TYPE } from "../../../policy-pack/rules/pss/pss-x01-helm-release-opaque";
import type { Violation } from "../../../policy-pack/core/evaluate";
import { resource, violationsOf } from "../../support/rules";
import { at, containerWith, goodContainer, goodPod, workload } from "../pss/fixtures";

const POD = "kubernetes:core/v1:Pod";
const DEPLOY = "kubernetes:apps/v1:Deployment";
const DEPLOY_PATCH = "kubernetes:apps/v1:DeploymentPatch";

/** A finding's message without its leading `<rule id>: `. */
const text = (v: Violation): string => v.message.replace(/^[A-Z0-9-]+: /, "");

/** A compliant pod whose pod-level securityContext is extended by `sc`. */
const podSc = (sc: Record<string, any>, extra: Record<string, any> = {}) => {
  const spec = goodPod(extra);
  spec.securityContext = { ...spec.securityContext, ...sc };
  return spec;
};

/** A compliant pod with one extra container "bad" whose securityContext is extended by `sc`. */
const withBad = (sc: Record<string, any>, extra: Record<string, any> = {}) => goodPod({ containers: [goodContainer(), containerWith(sc, extra)] });

describe("PSS-B11 seccomp before v1.19 (annotations)", () => {
  const POD_KEY = "seccomp.security.alpha.kubernetes.io/pod";
  const CONTAINER_KEY = "container.seccomp.security.alpha.kubernetes.io/app";
  const annotated = (annotations: Record<string, unknown>, type = DEPLOY) => workload(type, goodPod(), { podMetadata: { annotations } });

  it.each(["runtime/default", "docker/default", "localhost/my-profile"])("accepts the pod annotation %s", (value) => {
    expect(violationsOf("PSS-B11", annotated({ [POD_KEY]: value }), at("v1.18"))).toEqual([]);
    expect(violationsOf("PSS-B11", annotated({ [CONTAINER_KEY]: value }), at("v1.18"))).toEqual([]);
  });

  it("flags an unconfined pod annotation and names it", () => {
    const v = violationsOf("PSS-B11", annotated({ [POD_KEY]: "unconfined" }), at("v1.18"));
    expect(v).toHaveLength(1);
    expect(v[0].level).toBe("mandatory");
    expect(text(v[0])).toBe(`spec.template.metadata.annotations["${POD_KEY}"]=unconfined: seccomp must not be disabled`);
    expect(v[0].remediation).toBe(`Set spec.template.metadata.annotations["${POD_KEY}"] to "runtime/default" or "localhost/<profile>".`);
  });

  it("flags an unconfined per-container annotation (keyed by container name)", () => {
    const v = violationsOf("PSS-B11", annotated({ [CONTAINER_KEY]: "unconfined" }), at("v1.18"));
    expect(v).toHaveLength(1);
    expect(v[0].message).toContain(CONTAINER_KEY);
    // An annotation for a container that does not exist is not judged.
    expect(violationsOf("PSS-B11", annotated({ "container.seccomp.security.alpha.kubernetes.io/ghost": "unconfined" }), at("v1.18"))).toEqual([]);
  });

  it("flags values that only look allowed (suffix, non-string)", () => {
    expect(violationsOf("PSS-B11", annotated({ [POD_KEY]: "my/localhost/" }), at("v1.18"))).toHaveLength(1);
    const v = violationsOf("PSS-B11", annotated({ [POD_KEY]: 42 }), at("v1.18"));
    expect(v).toHaveLength(1);
    expect(v[0].message).toContain("=42:");
  });

  it("ignores the annotations from v1.19 (fields are judged instead)", () => {
    expect(violationsOf("PSS-B11", annotated({ [POD_KEY]: "unconfined" }), at("v1.19"))).toEqual([]);
  });
});

describe("PSS-B11 / PSS-R05 seccompProfile fields", () => {
  it("does not judge a Patch profile that leaves type unset", () => {
    const spec = podSc({ seccompProfile: { localhostProfile: "p.json" } });
    expect(violationsOf("PSS-B11", workload(DEPLOY_PATCH, spec))).toEqual([]);
    // A full object without type is judged (and named with an empty value).
    const v = violationsOf("PSS-B11", workload(POD, spec));
    expect(v).toHaveLength(1);
    expect(text(v[0])).toBe("spec.securityContext.seccompProfile.type=: only RuntimeDefault and Localhost seccomp profiles are allowed");
  });

  it("names the pod-level field and the fix for Unconfined", () => {
    const v = violationsOf("PSS-B11", workload(POD, podSc({ seccompProfile: { type: "Unconfined" } })));
    expect(v.map(text)).toEqual(["spec.securityContext.seccompProfile.type=Unconfined: only RuntimeDefault and Localhost seccomp profiles are allowed"]);
    expect(v[0].remediation).toBe('Set spec.securityContext.seccompProfile.type to "RuntimeDefault" (or "Localhost" with localhostProfile).');
  });

  it("PSS-R05: a pod-level Unconfined does not cover containers without their own profile", () => {
    const spec = podSc({ seccompProfile: { type: "Unconfined" } }, { containers: [{ name: "app", image: "x" }] });
    const v = violationsOf("PSS-R05", workload(POD, spec));
    expect(v).toHaveLength(2);
    expect(text(v[0])).toBe("spec.securityContext.seccompProfile.type=Unconfined: only RuntimeDefault and Localhost seccomp profiles are allowed");
    expect(v[1].message).toContain('spec.containers[0].securityContext.seccompProfile.type is not set and spec.securityContext.seccompProfile.type is not RuntimeDefault/Localhost (container "app")');
    expect(v[1].remediation).toBe('Set spec.securityContext.seccompProfile.type to "RuntimeDefault" (or spec.containers[0].securityContext.seccompProfile.type).');
  });
});

describe("PSS-X01 allowedReleases", () => {
  const release = (props: Record<string, any>, name = "r") => resource(HELM_RELEASE_TYPE, name, props);
  const allow = (justification: unknown, name = "nginx") => ({ allowedReleases: [{ name, justification } as any] });

  it("accepts a justification of exactly the minimum length and rejects one character less", () => {
    expect(violationsOf("PSS-X01", release({ name: "nginx" }), allow("a".repeat(20)))).toEqual([]);
    const v = violationsOf("PSS-X01", release({ name: "nginx", chart: "ingress-nginx" }), allow("a".repeat(19)));
    expect(v).toHaveLength(1);
    expect(text(v[0])).toBe('Release name="nginx" chart="ingress-nginx" is in allowedReleases without a justification of at least 20 characters');
    expect(v[0].remediation).toBe('Give the allowedReleases entry "nginx" a justification of at least 20 characters, or use kubernetes:helm.sh/v4:Chart.');
  });

  it("does not count surrounding whitespace", () => {
    expect(violationsOf("PSS-X01", release({ name: "nginx" }), allow(`   ${"a".repeat(19)}   `))).toHaveLength(1);
  });

  it("rejects a non-string justification", () => {
    for (const j of [12345678901234, ["a justification long enough to pass"]]) {
      const v = violationsOf("PSS-X01", release({ name: "nginx" }), allow(j));
      expect(v).toHaveLength(1);
      expect(v[0].message).toContain("without a justification of at least 20 characters");
    }
  });

  it("names the chart and the candidate allowlist entry in the fix", () => {
    const v = violationsOf("PSS-X01", release({ name: "nginx", chart: "ingress-nginx" }));
    expect(v[0].remediation).toBe('Replace it with kubernetes:helm.sh/v4:Chart (chart: "ingress-nginx"), or add {name: "nginx", justification: "..."} to allowedReleases.');
  });

  it("falls back to the chart when the release name is empty or absent, and to the resource name last", () => {
    expect(violationsOf("PSS-X01", release({ name: "", chart: "ingress-nginx" }))[0].remediation).toContain('{name: "ingress-nginx"');
    expect(violationsOf("PSS-X01", release({ chart: "ingress-nginx" }))[0].remediation).toContain('{name: "ingress-nginx"');
    const bare = violationsOf("PSS-X01", release({}, "my-release"))[0];
    expect(bare.message).toContain('Release name="my-release" chart=""');
    expect(bare.remediation).toContain('(chart: "<chart>")');
    expect(bare.remediation).toContain('{name: "my-release"');
  });
});

describe("PSS-B08 AppArmor", () => {
  const P = "container.apparmor.security.beta.kubernetes.io/app";
  const annotated = (annotations: Record<string, unknown>) => workload(DEPLOY, goodPod(), { podMetadata: { annotations } });

  it("only judges annotations with the AppArmor prefix", () => {
    expect(violationsOf("PSS-B08", annotated({ "example.com/profile": "unconfined" }))).toEqual([]);
  });

  it("flags unconfined and non-string annotation values with the field and fix", () => {
    const v = violationsOf("PSS-B08", annotated({ [P]: "unconfined" }));
    expect(v.map(text)).toEqual([`spec.template.metadata.annotations["${P}"]=unconfined: AppArmor must not be disabled`]);
    expect(v[0].remediation).toBe(
      `Set spec.template.metadata.annotations["${P}"] to "runtime/default" or "localhost/<profile>" (or use securityContext.appArmorProfile.type: RuntimeDefault).`,
    );
    const n = violationsOf("PSS-B08", annotated({ [P]: 42 }));
    expect(n).toHaveLength(1);
    expect(n[0].message).toContain("=42:");
  });

  it("does not judge a Patch profile that leaves type unset, but does on a full object", () => {
    const spec = podSc({ appArmorProfile: { localhostProfile: "k8s-apparmor" } });
    expect(violationsOf("PSS-B08", workload(DEPLOY_PATCH, spec))).toEqual([]);
    const v = violationsOf("PSS-B08", workload(POD, spec));
    expect(v.map(text)).toEqual(["spec.securityContext.appArmorProfile.type=: AppArmor must not be disabled or overridden"]);
  });

  it("names the pod-level field and lists both allowed types in the fix", () => {
    const v = violationsOf("PSS-B08", workload(POD, podSc({ appArmorProfile: { type: "Unconfined" } })));
    expect(v.map(text)).toEqual(["spec.securityContext.appArmorProfile.type=Unconfined: AppArmor must not be disabled or overridden"]);
    expect(v[0].remediation).toBe('Set spec.securityContext.appArmorProfile.type to "RuntimeDefault" or "Localhost".');
  });
});

describe("PSS-B09 SELinux", () => {
  it("an empty user/role is unset; options without type only judge user and role", () => {
    expect(violationsOf("PSS-B09", workload(POD, podSc({ seLinuxOptions: { user: "", role: "" } })))).toEqual([]);
    const v = violationsOf("PSS-B09", workload(POD, podSc({ seLinuxOptions: { user: "system_u" } })));
    expect(v.map(text)).toEqual(["spec.securityContext.seLinuxOptions.user=system_u: custom SELinux users are forbidden"]);
    expect(v[0].remediation).toBe("Remove spec.securityContext.seLinuxOptions.user.");
  });

  it("names the pod-level type and lists the allowed types (no empty entry) for the version", () => {
    const spec = podSc({ seLinuxOptions: { type: "spc_t" } });
    const old = violationsOf("PSS-B09", workload(POD, spec), at("v1.30"));
    expect(old.map(text)).toEqual(["spec.securityContext.seLinuxOptions.type=spc_t: SELinux type not allowed at v1.30"]);
    expect(old[0].remediation).toBe("Set spec.securityContext.seLinuxOptions.type to one of container_t, container_init_t, container_kvm_t (or remove it).");
    expect(violationsOf("PSS-B09", workload(POD, spec))[0].remediation).toBe(
      "Set spec.securityContext.seLinuxOptions.type to one of container_t, container_init_t, container_kvm_t, container_engine_t (or remove it).",
    );
  });
});

describe("PSS-B05 / PSS-R01 volumes", () => {
  it("a null hostPath is absent", () => {
    expect(violationsOf("PSS-B05", workload(POD, goodPod({ volumes: [{ name: "v", hostPath: null }] })))).toEqual([]);
  });

  it("names the volume, the host path and the fix", () => {
    const v = violationsOf("PSS-B05", workload(POD, goodPod({ volumes: [{ name: "data", hostPath: { path: "/var/run" } }] })));
    expect(v.map(text)).toEqual(['spec.volumes[0].hostPath.path=/var/run (volume "data"): hostPath volumes expose the node\'s filesystem']);
    expect(v[0].remediation).toBe("Remove spec.volumes[0].hostPath; use an emptyDir, configMap, secret, projected or persistentVolumeClaim volume instead.");
  });

  it("an unnamed hostPath volume without a path still yields a clean message", () => {
    const v = violationsOf("PSS-B05", workload(POD, goodPod({ volumes: [{ hostPath: {} }] })));
    expect(v.map(text)).toEqual(["spec.volumes[0].hostPath.path=: hostPath volumes expose the node's filesystem"]);
  });

  it("PSS-R01 names the volume and lists the allowed types", () => {
    const v = violationsOf("PSS-R01", workload(POD, goodPod({ volumes: [{ name: "shared", nfs: { server: "s", path: "/" } }] })));
    expect(v.map(text)).toEqual(['spec.volumes[0].nfs is set (volume "shared"): volume type nfs is not allowed by the restricted profile']);
    expect(v[0].remediation).toBe(
      "Remove spec.volumes[0].nfs and use one of configMap, csi, downwardAPI, emptyDir, ephemeral, image, persistentVolumeClaim, projected, secret (e.g. persistentVolumeClaim).",
    );
    const unnamed = violationsOf("PSS-R01", workload(POD, goodPod({ volumes: [{ nfs: { server: "s", path: "/" } }] })));
    expect(unnamed.map(text)).toEqual(["spec.volumes[0].nfs is set: volume type nfs is not allowed by the restricted profile"]);
  });
});

describe("PSS-B04 / PSS-R06 capabilities", () => {
  it("explains NET_RAW specifically and other capabilities by the allowlist", () => {
    const v = violationsOf("PSS-B04", workload(POD, withBad({ capabilities: { drop: ["ALL"], add: ["NET_RAW", "SYS_ADMIN"] } })));
    expect(v.map(text)).toEqual([
      'spec.containers[1].securityContext.capabilities.add[0]=NET_RAW (container "bad"): NET_RAW allows raw sockets (packet spoofing, ARP/DNS poisoning)',
      'spec.containers[1].securityContext.capabilities.add[1]=SYS_ADMIN (container "bad"): not in the baseline capability allowlist',
    ]);
    expect(v[0].remediation).toBe(
      "Remove NET_RAW from spec.containers[1].securityContext.capabilities.add; only AUDIT_WRITE, CHOWN, DAC_OVERRIDE, FOWNER, FSETID, KILL, MKNOD, NET_BIND_SERVICE, SETFCAP, SETGID, SETPCAP, SETUID, SYS_CHROOT may be added.",
    );
  });

  it("PSS-R06 names the drop and add fixes", () => {
    const v = violationsOf("PSS-R06", workload(POD, withBad({ capabilities: { add: ["CHOWN"] } })));
    expect(v.map((x) => x.remediation)).toEqual([
      'Set spec.containers[1].securityContext.capabilities.drop to ["ALL"].',
      'Remove CHOWN from spec.containers[1].securityContext.capabilities.add (and keep spec.containers[1].securityContext.capabilities.drop=["ALL"]).',
    ]);
  });
});

describe("fixes name the offending field", () => {
  it("PSS-B01 pod-level hostProcess", () => {
    const v = violationsOf("PSS-B01", workload(POD, podSc({ windowsOptions: { hostProcess: true } })));
    expect(v.map(text)).toEqual(["spec.securityContext.windowsOptions.hostProcess=true: Windows HostProcess containers run with host privileges"]);
    expect(v[0].remediation).toBe("Set spec.securityContext.windowsOptions.hostProcess to false or remove it.");
  });

  it("PSS-B02 names the shared namespace", () => {
    const v = violationsOf("PSS-B02", workload(POD, goodPod({ hostNetwork: true, hostPID: true })));
    expect(v.map(text)).toEqual(["spec.hostNetwork=true: the pod shares the node's Network namespace", "spec.hostPID=true: the pod shares the node's PID namespace"]);
  });

  it("PSS-B06 / B07 / B10", () => {
    const ports = violationsOf("PSS-B06", workload(POD, withBad({}, { ports: [{ containerPort: 80, hostPort: 8080 }] })));
    expect(ports[0].remediation).toBe("Remove spec.containers[1].ports[0].hostPort (or set it to 0) and expose the port through a Service.");
    const probes = violationsOf("PSS-B07", workload(POD, withBad({}, { livenessProbe: { httpGet: { host: "10.0.0.1", port: 80 } } })), at("latest"));
    expect(probes[0].remediation).toBe("Remove spec.containers[1].livenessProbe.httpGet.host.");
    const proc = violationsOf("PSS-B10", workload(POD, withBad({ procMount: "Unmasked" })));
    expect(proc[0].remediation).toBe('Set spec.containers[1].securityContext.procMount to "Default" or remove it.');
  });

  it("PSS-B12 lists the allowed sysctls of the version", () => {
    const v = violationsOf("PSS-B12", workload(POD, podSc({ sysctls: [{ name: "kernel.msgmax", value: "1" }] })), at("v1.26"));
    expect(v.map(text)).toEqual(["spec.securityContext.sysctls[0].name=kernel.msgmax: not a safe sysctl at v1.26"]);
    expect(v[0].remediation).toMatch(/^Remove spec\.securityContext\.sysctls\[0\]; allowed at v1\.26: kernel\.shm_rmid_forced, net\.ipv4\.ip_local_port_range, /);
  });

  it("PSS-R03 pod-level false, container false and container unset", () => {
    const podFalse = violationsOf("PSS-R03", workload(POD, podSc({ runAsNonRoot: false })));
    expect(podFalse[0].remediation).toBe("Set spec.securityContext.runAsNonRoot to true.");
    const spec = podSc({ runAsNonRoot: undefined }, {});
    spec.containers = [containerWith({ runAsNonRoot: false }), { name: "plain", image: "x" }];
    const v = violationsOf("PSS-R03", workload(POD, spec));
    expect(v.map((x) => x.remediation)).toEqual([
      "Set spec.containers[0].securityContext.runAsNonRoot to true or remove it and set spec.securityContext.runAsNonRoot to true.",
      "Set spec.securityContext.runAsNonRoot to true (or spec.containers[1].securityContext.runAsNonRoot to true).",
    ]);
    expect(text(v[1])).toBe(
      'spec.containers[1].securityContext.runAsNonRoot is not set and spec.securityContext.runAsNonRoot is not true (container "plain"): the container may run as root',
    );
  });

  it("PSS-R04 pod-level runAsUser 0", () => {
    const v = violationsOf("PSS-R04", workload(POD, podSc({ runAsUser: 0 })));
    expect(v.map(text)).toEqual(["spec.securityContext.runAsUser=0: runs as root"]);
    expect(v[0].remediation).toBe("Set spec.securityContext.runAsUser to a non-zero UID (e.g. 65532) or remove it.");
  });
});
