import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { addonAgentEgress } from "../cluster/agent-egress";
import { exemptionKey } from "../../policy-pack/core/exemptions";
import { CLUSTER_AUTOSCALER_SERVICE_ACCOUNT } from "./identity";
import { AUTODISCOVERY_TAG, clusterOwnershipTag } from "./permissions";
import { CLUSTER_AUTOSCALER_CLUSTER_RULES, CLUSTER_AUTOSCALER_NAME, CLUSTER_AUTOSCALER_NAMESPACE_RULES, type RbacRule } from "./rbac";
import { autoscalerImageMinor } from "./version";

export { ClusterAutoscalerIdentity, CLUSTER_AUTOSCALER_SERVICE_ACCOUNT, type ClusterAutoscalerIdentityArgs } from "./identity";
export { clusterAutoscalerPolicy, clusterOwnershipTag, AUTODISCOVERY_TAG, AUTOSCALER_DESCRIBE_ACTIONS, AUTOSCALER_SCALE_ACTIONS } from "./permissions";
export { CLUSTER_AUTOSCALER_CLUSTER_RULES, CLUSTER_AUTOSCALER_NAMESPACE_RULES, CLUSTER_AUTOSCALER_NAME, type RbacRule } from "./rbac";
export { CLUSTER_AUTOSCALER_RELEASES, CLUSTER_AUTOSCALER_REPOSITORY, defaultAutoscalerImage, autoscalerImageMinor } from "./version";
export { NodeTemplateTags, nodeTemplateTags, type NodeTemplateTagsArgs } from "./asg-tags";

/** Port of the autoscaler's metrics and health endpoint (`--address`, default `:8085`). */
export const CLUSTER_AUTOSCALER_METRICS_PORT = 8085;

export { POD_IDENTITY_AGENT } from "../cluster/agent-egress";

/** Arguments of {@link ClusterAutoscaler}. */
export interface ClusterAutoscalerArgs {
  /** EKS cluster name (literal: the auto-discovery tag names it). */
  readonly clusterName: string;
  /** AWS region of the cluster (the `AWS_REGION` of the pod). */
  readonly region: string;
  /**
   * Container image, `<repository>:v<major.minor.patch>[@sha256:<digest>]`, whose minor equals `kubernetesVersion`
   * (e.g. `defaultAutoscalerImage("1.35")`, or an ECR mirror of it where the nodes have no internet).
   */
  readonly image: string;
  /** The cluster's Kubernetes `major.minor`: the image's minor must match it. */
  readonly kubernetesVersion: string;
  /** Node labels of the pool that runs the autoscaler (the system pool's labels). Default none. */
  readonly nodeSelector?: Record<string, string>;
  /**
   * Why the image may come from outside the pack's `allowedRegistries` (the upstream registry.k8s.io image where the
   * nodes can reach it): recorded on the Deployment as its `hardened-cluster.io/exempt.IMG-001` annotation, which the
   * pack reports as an exemption. Leave unset for an image mirrored into ECR. Default none.
   */
  readonly registryExemption?: string;
  /** Taints of that pool, tolerated (e.g. `CriticalAddonsOnly`), in Kubernetes spelling. Default none. */
  readonly tolerations?: readonly { readonly key: string; readonly value: string; readonly effect: "NoSchedule" | "NoExecute" | "PreferNoSchedule" }[];
}

const METADATA_LABELS = { "app.kubernetes.io/name": CLUSTER_AUTOSCALER_NAME, "app.kubernetes.io/managed-by": "hardened-cluster" };
const POD_LABELS = { "app.kubernetes.io/name": CLUSTER_AUTOSCALER_NAME };
const rules = (list: readonly RbacRule[]) => list.map((r) => ({ apiGroups: [...r.apiGroups], resources: [...r.resources], verbs: [...r.verbs], ...(r.resourceNames ? { resourceNames: [...r.resourceNames] } : {}) }));

/** The container arguments: auto-discovery of this cluster's tagged groups, least-waste expander, balanced similar groups. */
export function clusterAutoscalerArgs(clusterName: string): string[] {
  return [
    "--cloud-provider=aws",
    `--node-group-auto-discovery=asg:tag=${AUTODISCOVERY_TAG},${clusterOwnershipTag(clusterName)}`,
    "--expander=least-waste",
    "--balance-similar-node-groups=true",
    "--skip-nodes-with-local-storage=false",
    `--address=:${CLUSTER_AUTOSCALER_METRICS_PORT}`,
    "--v=2",
  ];
}

/**
 * The Kubernetes Cluster Autoscaler for EKS managed node groups, as explicit objects the pack judges: its service
 * account (credentials from EKS Pod Identity, {@link ClusterAutoscalerIdentity}), the upstream RBAC
 * ({@link CLUSTER_AUTOSCALER_CLUSTER_RULES}), a strict-mode NetworkPolicy (egress only to cluster DNS, HTTPS for the
 * API server and AWS APIs, and the Pod Identity agent; no ingress), and a one-replica Deployment in `kube-system` on
 * the system pool with a restricted security context and a pinned image matching the cluster minor.
 * In-cluster resources: pass the cluster's Kubernetes provider.
 */
export class ClusterAutoscaler extends pulumi.ComponentResource {
  readonly serviceAccount: k8s.core.v1.ServiceAccount;
  readonly deployment: k8s.apps.v1.Deployment;
  readonly networkPolicy: k8s.networking.v1.NetworkPolicy;

  constructor(name: string, args: ClusterAutoscalerArgs, opts?: pulumi.ComponentResourceOptions) {
    const minor = autoscalerImageMinor(args.image);
    if (minor === undefined) throw new Error(`ClusterAutoscaler ${name}: image "${args.image}" must be tagged v<major.minor.patch> (optionally @sha256:<digest>), e.g. registry.k8s.io/autoscaling/cluster-autoscaler:v1.35.2`);
    if (minor !== args.kubernetesVersion) throw new Error(`ClusterAutoscaler ${name}: image "${args.image}" is for Kubernetes ${minor} but the cluster runs ${args.kubernetesVersion}; use the autoscaler release of the cluster's minor`);
    if (!/^[a-zA-Z][a-zA-Z0-9-]{0,99}$/.test(args.clusterName)) throw new Error(`ClusterAutoscaler ${name}: clusterName "${args.clusterName}" is not an EKS cluster name`);
    super("hardened-cluster:autoscaler:ClusterAutoscaler", name, {}, opts);
    const namespace = CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.namespace;
    const meta = (extra: Record<string, unknown> = {}) => ({ name: CLUSTER_AUTOSCALER_NAME, labels: METADATA_LABELS, ...extra });

    this.serviceAccount = new k8s.core.v1.ServiceAccount(`${name}-sa`, { metadata: meta({ namespace }) }, { parent: this });
    const clusterRole = new k8s.rbac.v1.ClusterRole(`${name}-clusterrole`, { metadata: meta(), rules: rules(CLUSTER_AUTOSCALER_CLUSTER_RULES) }, { parent: this });
    const role = new k8s.rbac.v1.Role(`${name}-role`, { metadata: meta({ namespace }), rules: rules(CLUSTER_AUTOSCALER_NAMESPACE_RULES) }, { parent: this });
    const subjects = [{ kind: "ServiceAccount", name: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.name, namespace }];
    const clusterBinding = new k8s.rbac.v1.ClusterRoleBinding(
      `${name}-clusterrolebinding`,
      { metadata: meta(), roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "ClusterRole", name: CLUSTER_AUTOSCALER_NAME }, subjects },
      { parent: this, dependsOn: [clusterRole, this.serviceAccount] },
    );
    const binding = new k8s.rbac.v1.RoleBinding(
      `${name}-rolebinding`,
      { metadata: meta({ namespace }), roleRef: { apiGroup: "rbac.authorization.k8s.io", kind: "Role", name: CLUSTER_AUTOSCALER_NAME }, subjects },
      { parent: this, dependsOn: [role, this.serviceAccount] },
    );
    // Strict enforcing mode (W5) default-denies a new pod until a policy selects it: the policy comes first.
    this.networkPolicy = new k8s.networking.v1.NetworkPolicy(
      `${name}-netpol`,
      {
        metadata: meta({ namespace }),
        spec: {
          podSelector: { matchLabels: POD_LABELS },
          policyTypes: ["Ingress", "Egress"],
          egress: [
            ...addonAgentEgress(),
          ],
        },
      },
      { parent: this },
    );
    this.deployment = new k8s.apps.v1.Deployment(
      `${name}-deployment`,
      {
        metadata: meta({ namespace, ...(args.registryExemption ? { annotations: { [exemptionKey("IMG-001")]: args.registryExemption } } : {}) }),
        spec: {
          replicas: 1,
          selector: { matchLabels: POD_LABELS },
          template: {
            metadata: { labels: { ...POD_LABELS } },
            spec: {
              priorityClassName: "system-cluster-critical",
              serviceAccountName: CLUSTER_AUTOSCALER_SERVICE_ACCOUNT.name,
              automountServiceAccountToken: true,
              ...(args.nodeSelector ? { nodeSelector: { ...args.nodeSelector } } : {}),
              tolerations: (args.tolerations ?? []).map((t) => ({ key: t.key, operator: "Equal", value: t.value, effect: t.effect })),
              securityContext: { runAsNonRoot: true, runAsUser: 65534, runAsGroup: 65534, fsGroup: 65534, seccompProfile: { type: "RuntimeDefault" } },
              containers: [
                {
                  name: CLUSTER_AUTOSCALER_NAME,
                  image: args.image,
                  imagePullPolicy: "IfNotPresent",
                  command: ["/cluster-autoscaler"],
                  args: clusterAutoscalerArgs(args.clusterName),
                  env: [{ name: "AWS_REGION", value: args.region }],
                  ports: [{ name: "metrics", containerPort: CLUSTER_AUTOSCALER_METRICS_PORT, protocol: "TCP" }],
                  resources: { requests: { cpu: "100m", memory: "600Mi" }, limits: { cpu: "100m", memory: "600Mi" } },
                  securityContext: {
                    allowPrivilegeEscalation: false,
                    readOnlyRootFilesystem: true,
                    runAsNonRoot: true,
                    capabilities: { drop: ["ALL"] },
                    seccompProfile: { type: "RuntimeDefault" },
                  },
                },
              ],
            },
          },
        },
      },
      { parent: this, dependsOn: [this.networkPolicy, clusterBinding, binding] },
    );
    this.registerOutputs({ image: args.image });
  }
}
