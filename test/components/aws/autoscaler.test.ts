import { Deployment } from "kubernetes-models/apps/v1";
import { NetworkPolicy } from "kubernetes-models/networking.k8s.io/v1";
import { ClusterRole, ClusterRoleBinding, Role } from "kubernetes-models/rbac.authorization.k8s.io/v1";
import { ServiceAccount } from "kubernetes-models/v1";
import {
  autoscalerImageMinor,
  ClusterAutoscaler,
  CLUSTER_AUTOSCALER_CLUSTER_RULES,
  CLUSTER_AUTOSCALER_RELEASES,
  defaultAutoscalerImage,
  nodeTemplateTags,
} from "../../../components/autoscaler";
import { EKS_VERSION_CALENDAR } from "../../../components/cluster/version";
import { ConfigError, parsePlatformConfig } from "../../../infra/config";
import { inClusterPackConfig } from "../../../infra/in-cluster/policy-config";
import { packConfigFor } from "../../../infra/policy-config";
import { LABELS } from "../../../policy-pack/baseline/labels";
import { recordResources } from "../../../engine/record";
import { inClusterRun, judge, stackRun } from "../../infra/fixtures";
import { loadStackConfig, ofType, runPlatform } from "../../infra/stack-config";

// Issue 20 part 5 (audit R5): the Cluster Autoscaler, its ASG tags and honest node-group sizes.

const DEPLOYMENT = "kubernetes:apps/v1:Deployment";
const NETPOL = "kubernetes:networking.k8s.io/v1:NetworkPolicy";
const ASG_TAG = "aws:autoscaling/tag:Tag";
const NG = "aws:eks/nodeGroup:NodeGroup";

const autoscalerOf = (resources: Awaited<ReturnType<typeof stackRun>>["resources"]) => ofType(resources, DEPLOYMENT).find((d) => d.inputs.metadata.name === "cluster-autoscaler")!;

describe("version pinning", () => {
  test("every minor of the EKS calendar has a release of the same minor", () => {
    for (const { version } of EKS_VERSION_CALENDAR) {
      const image = defaultAutoscalerImage(version)!;
      expect(image.startsWith("registry.k8s.io/autoscaling/cluster-autoscaler:v")).toBe(true);
      expect(autoscalerImageMinor(image)).toBe(version);
    }
    expect(Object.keys(CLUSTER_AUTOSCALER_RELEASES).sort()).toEqual(EKS_VERSION_CALENDAR.map((v) => v.version).sort());
    expect(defaultAutoscalerImage("1.35")).toMatch(/:v1\.35\.2@sha256:[0-9a-f]{64}$/);
  });

  test("the component refuses an image of another minor, or without a version tag", async () => {
    const base = { clusterName: "c", region: "eu-west-1", kubernetesVersion: "1.35" };
    await expect(recordResources(() => new ClusterAutoscaler("ca", { ...base, image: "registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.5" }))).rejects.toThrow(/Kubernetes 1\.34 but the cluster runs 1\.35/);
    await expect(recordResources(() => new ClusterAutoscaler("ca", { ...base, image: "registry.k8s.io/autoscaling/cluster-autoscaler:latest" }))).rejects.toThrow(/must be tagged v/);
  });
});

describe.each(["dev", "staging", "prod"] as const)("the autoscaler of the %s stack", (stack) => {
  const run = () => (stack === "dev" ? stackRun("dev") : inClusterRun(stack));

  test("a restricted Deployment in kube-system on the system pool, image of the cluster minor, valid Kubernetes objects", async () => {
    const { resources } = await run();
    const d = autoscalerOf(resources);
    expect(d.inputs.metadata.namespace).toBe("kube-system");
    new Deployment(d.inputs).validate();
    const pod = d.inputs.spec.template.spec;
    const [c] = pod.containers;
    expect(autoscalerImageMinor(c.image)).toBe(loadStackConfig(stack)["hardened-cluster:kubernetesVersion"]);
    expect(c.image).toMatch(/@sha256:[0-9a-f]{64}$/);
    expect(c.args).toContain(`--node-group-auto-discovery=asg:tag=k8s.io/cluster-autoscaler/enabled,k8s.io/cluster-autoscaler/hc-${stack}`);
    expect(c.securityContext).toMatchObject({ allowPrivilegeEscalation: false, readOnlyRootFilesystem: true, runAsNonRoot: true, capabilities: { drop: ["ALL"] } });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 65534, seccompProfile: { type: "RuntimeDefault" } });
    expect(pod.volumes).toBeUndefined(); // no hostPath CA bundle: the distroless image carries its own
    expect(pod.nodeSelector).toEqual({ [LABELS.pool]: "system" });
    expect(pod.tolerations).toEqual([{ key: "CriticalAddonsOnly", operator: "Equal", value: "true", effect: "NoSchedule" }]);
    expect(pod.serviceAccountName).toBe("cluster-autoscaler");
  });

  test("upstream RBAC (ClusterRole, Role, bindings to its own service account only), valid objects", async () => {
    const { resources } = await run();
    const byKind = (kind: string) => ofType(resources, `kubernetes:rbac.authorization.k8s.io/v1:${kind}`).filter((r) => r.inputs.metadata?.name === "cluster-autoscaler");
    const [clusterRole] = byKind("ClusterRole");
    new ClusterRole(clusterRole.inputs).validate();
    expect(clusterRole.inputs.rules).toEqual(CLUSTER_AUTOSCALER_CLUSTER_RULES.map((r) => ({ ...r })));
    // Nothing beyond upstream: no secrets, no wildcards, no writes to workloads.
    const flat = clusterRole.inputs.rules.flatMap((r: { resources: string[]; verbs: string[] }) => r.resources.map((res) => `${res}:${r.verbs.join(",")}`));
    expect(flat.some((x: string) => x.startsWith("secrets") || x.includes("*"))).toBe(false);
    new Role(byKind("Role")[0].inputs).validate();
    const [binding] = byKind("ClusterRoleBinding");
    new ClusterRoleBinding(binding.inputs as ConstructorParameters<typeof ClusterRoleBinding>[0]).validate();
    expect(binding.inputs.subjects).toEqual([{ kind: "ServiceAccount", name: "cluster-autoscaler", namespace: "kube-system" }]);
    const [sa] = ofType(resources, "kubernetes:core/v1:ServiceAccount").filter((r) => r.inputs.metadata?.name === "cluster-autoscaler");
    new ServiceAccount(sa.inputs).validate();
  });

  test("strict-mode NetworkPolicy: no ingress; egress only DNS to kube-dns, HTTPS, and the Pod Identity agent", async () => {
    const { resources } = await run();
    const [np] = ofType(resources, NETPOL).filter((r) => r.inputs.metadata?.name === "cluster-autoscaler");
    new NetworkPolicy(np.inputs).validate();
    expect(np.inputs.spec.policyTypes).toEqual(["Ingress", "Egress"]);
    expect(np.inputs.spec.ingress).toBeUndefined();
    const ports = np.inputs.spec.egress.flatMap((e: { ports: { protocol: string; port: number }[] }) => e.ports.map((p) => `${p.protocol}/${p.port}`));
    expect(ports.sort()).toEqual(["TCP/443", "TCP/53", "TCP/80", "UDP/53"]);
    const agent = np.inputs.spec.egress.find((e: { ports: { port: number }[] }) => e.ports[0].port === 80);
    expect(agent.to).toEqual([{ ipBlock: { cidr: "169.254.170.23/32" } }]);
    // The Deployment waits for its policy (strict mode denies a pod no policy selects).
    expect(autoscalerOf(resources).dependencies).toContain(np.urn);
  });

  test("the pack accepts every autoscaler object (no mandatory violation)", async () => {
    const { resources } = await run();
    const mine = new Set(resources.filter((r) => r.urn.includes("ClusterAutoscaler")).map((r) => r.urn));
    expect(mine.size).toBeGreaterThanOrEqual(7);
    const platform = packConfigFor(parsePlatformConfig(loadStackConfig(stack)));
    const { violations, exemptions } = judge(resources, stack === "dev" ? platform : inClusterPackConfig(platform));
    expect(violations.filter((v) => v.level === "mandatory")).toEqual([]);
    // The upstream-registry image is an explicit, justified exemption outside the ECR-only prod.
    const imageExemptions = exemptions.filter((e) => e.rule === "IMG-001" && mine.has(e.urn));
    expect(imageExemptions.length > 0).toBe(stack !== "prod");
  });
});

describe.each(["dev", "staging", "prod"] as const)("node groups and ASG tags of the %s stack", (stack) => {
  test("every pool's ASG carries auto-discovery and node-template tags; the sensitive pool's label and taint make scale-from-zero work", async () => {
    const { resources } = await stackRun(stack);
    const tags = ofType(resources, ASG_TAG);
    const groups = ofType(resources, NG);
    for (const g of groups) {
      const asg = `eks-${g.outputs.nodeGroupName}-00000000-0000-0000-0000-000000000000`;
      const onAsg = Object.fromEntries(tags.filter((t) => t.inputs.autoscalingGroupName === asg).map((t) => [t.inputs.tag.key, t.inputs.tag.value]));
      const taints = (g.inputs.taints ?? []) as { key: string; value: string; effect: "NO_SCHEDULE" }[];
      expect(onAsg).toEqual(nodeTemplateTags(`hc-${stack}`, g.inputs.labels, taints));
      for (const t of tags.filter((x) => x.inputs.autoscalingGroupName === asg)) expect(t.inputs.tag.propagateAtLaunch).toBe(false);
    }
    const sensitive = groups.find((g) => g.inputs.labels[LABELS.pool] === "sensitive")!;
    const asg = `eks-${sensitive.outputs.nodeGroupName}-00000000-0000-0000-0000-000000000000`;
    const keys = tags.filter((t) => t.inputs.autoscalingGroupName === asg).map((t) => `${t.inputs.tag.key}=${t.inputs.tag.value}`);
    expect(keys).toContain(`k8s.io/cluster-autoscaler/node-template/label/${LABELS.pool}=sensitive`);
    expect(keys).toContain(`k8s.io/cluster-autoscaler/node-template/taint/${LABELS.pool}=sensitive:NoSchedule`);
    expect(keys).toContain(`k8s.io/cluster-autoscaler/hc-${stack}=owned`);
  });

  test("desiredSize is left to the autoscaler (ignoreChanges) because one runs; min <= desired <= max", async () => {
    const { resources } = await stackRun(stack);
    for (const g of ofType(resources, NG)) {
      expect(g.options?.ignoreChanges).toEqual(["scalingConfig.desiredSize"]);
      const { minSize, desiredSize, maxSize } = g.inputs.scalingConfig;
      expect(minSize <= desiredSize && desiredSize <= maxSize).toBe(true);
    }
  });
});

describe("autoscaler config", () => {
  const devWith = (patch: Record<string, unknown>) => {
    const c = loadStackConfig("dev");
    for (const [k, v] of Object.entries(patch)) c[k] = JSON.stringify(v);
    return c;
  };
  const issueKeys = (config: Record<string, string>) => {
    try {
      parsePlatformConfig(config);
      return [];
    } catch (e) {
      return (e as ConfigError).issues.map((i) => i.key);
    }
  };

  test("disabled: no autoscaler objects, and desiredSize is managed by the stack again (no ignoreChanges)", async () => {
    const { resources } = await runPlatform(devWith({ "hardened-cluster:autoscaler": { enabled: false } }), "dev");
    expect(ofType(resources, DEPLOYMENT).filter((d) => d.inputs.metadata.name === "cluster-autoscaler")).toEqual([]);
    expect(ofType(resources, ASG_TAG)).toEqual([]);
    for (const g of ofType(resources, NG)) expect(g.options?.ignoreChanges).toEqual([]);
  });

  test.each([
    ["an image of another minor", { image: "registry.k8s.io/autoscaling/cluster-autoscaler:v1.34.5" }, "hardened-cluster:autoscaler.image"],
    ["an unpinned image", { image: "registry.k8s.io/autoscaling/cluster-autoscaler:latest" }, "hardened-cluster:autoscaler.image"],
    ["an unknown key", { replicas: 2 }, "hardened-cluster:autoscaler"],
  ])("bad input (%s) names the path before any resource registers", async (_what, value, key) => {
    const config = devWith({ "hardened-cluster:autoscaler": value });
    expect(issueKeys(config)).toContain(key);
    await expect(runPlatform(config)).rejects.toThrow(ConfigError);
  });

  test("private-only networking needs an ECR mirror of the image", () => {
    const prod = loadStackConfig("prod");
    expect(issueKeys(prod)).toEqual([]);
    const upstream = { ...prod, "hardened-cluster:autoscaler": JSON.stringify({}) };
    expect(issueKeys(upstream)).toEqual(["hardened-cluster:autoscaler.image"]);
  });

  test("min > desired is rejected at the pool's path", () => {
    const pools = JSON.parse(loadStackConfig("dev")["hardened-cluster:nodePools"]);
    pools.sensitive = { ...pools.sensitive, minSize: 2, desiredSize: 1, maxSize: 3 };
    expect(issueKeys(devWith({ "hardened-cluster:nodePools": pools }))).toContain("hardened-cluster:nodePools.sensitive.desiredSize");
  });
});
