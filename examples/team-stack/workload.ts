/**
 * The team's workload: a Deployment and a ClusterIP Service that pass Pod Security `restricted`, pinned to
 * the pool its tenant tier requires, running as a dedicated ServiceAccount. `insecure: true` builds the
 * deliberately bad variant the policy pack must reject.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
// A team installing the package imports these from "hardened-cluster" (see README.md).
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../../policy-pack/baseline/pss";
import type { AppConfig } from "./config";
import type { Placement } from "./platform";

/** Arguments of {@link Workload}. */
export interface WorkloadArgs {
  readonly app: AppConfig;
  /** Full image reference `<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag>[@sha256:<digest>]`. */
  readonly image: string;
  /** Node placement from the platform's pools output. */
  readonly placement: pulumi.Input<Placement>;
  /** Annotations of the ServiceAccount (IRSA role ARN; none for Pod Identity). */
  readonly serviceAccountAnnotations?: pulumi.Input<Record<string, string>>;
  readonly provider: k8s.Provider;
  /** Build the insecure variant: privileged, `:latest`, hostPath, no pool pinning, a pods/exec Role. */
  readonly insecure?: boolean;
}

/** ECR image reference of the team's repository, pinned by digest when one is given. */
export function ecrImage(accountId: string, region: string, repository: string, tag: string, digest?: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com/${repository}:${tag}${digest ? `@${digest}` : ""}`;
}

/** The same repository at `:latest` with no digest (the insecure variant). */
export function latestOf(image: string): string {
  return image.replace(/@sha256:[0-9a-f]+$/, "").replace(/:[^:/]+$/, ":latest");
}

/** Deployment + Service + ServiceAccount of one app (plus, when insecure, a debug Role). */
export class Workload extends pulumi.ComponentResource {
  readonly serviceAccount: k8s.core.v1.ServiceAccount;
  readonly deployment: k8s.apps.v1.Deployment;
  readonly service: k8s.core.v1.Service;

  constructor(name: string, args: WorkloadArgs, opts: pulumi.ComponentResourceOptions = {}) {
    super("team-risk:app:Workload", name, {}, opts);
    const { app, insecure = false } = args;
    const k8sOpts = { parent: this, provider: args.provider };
    const labels = { "app.kubernetes.io/name": app.name, "app.kubernetes.io/part-of": "team-risk" };
    const meta = { name: app.name, namespace: app.namespace, labels };

    // The workload does not call the Kubernetes API: no API token. Pod Identity/IRSA credentials come from
    // their own projected token, which does not depend on automountServiceAccountToken.
    this.serviceAccount = new k8s.core.v1.ServiceAccount(
      name,
      { metadata: { ...meta, annotations: args.serviceAccountAnnotations }, automountServiceAccountToken: false },
      k8sOpts,
    );

    const container: k8s.types.input.core.v1.Container = {
      name: app.name,
      image: insecure ? latestOf(args.image) : args.image,
      ports: [{ name: "http", containerPort: app.port, protocol: "TCP" }],
      securityContext: insecure
        ? { ...structuredClone(RESTRICTED_CONTAINER_SECURITY_CONTEXT), privileged: true, allowPrivilegeEscalation: true }
        : structuredClone(RESTRICTED_CONTAINER_SECURITY_CONTEXT),
      resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
      readinessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 10 },
      livenessProbe: { httpGet: { path: "/healthz", port: "http" }, periodSeconds: 20 },
      volumeMounts: [{ name: "tmp", mountPath: "/tmp" }, ...(insecure ? [{ name: "host-logs", mountPath: "/host/var/log", readOnly: true }] : [])],
    };
    const volumes: k8s.types.input.core.v1.Volume[] = [
      { name: "tmp", emptyDir: { sizeLimit: "64Mi" } },
      ...(insecure ? [{ name: "host-logs", hostPath: { path: "/var/log", type: "Directory" } }] : []),
    ];
    const placement = pulumi.output(args.placement);

    this.deployment = new k8s.apps.v1.Deployment(
      name,
      {
        metadata: meta,
        spec: {
          replicas: app.replicas,
          selector: { matchLabels: { "app.kubernetes.io/name": app.name } },
          template: {
            metadata: { labels },
            spec: {
              serviceAccountName: app.name,
              automountServiceAccountToken: false,
              securityContext: structuredClone(RESTRICTED_POD_SECURITY_CONTEXT),
              ...(insecure ? {} : { nodeSelector: placement.nodeSelector, tolerations: placement.tolerations }),
              containers: [container],
              volumes,
            },
          },
        },
      },
      { ...k8sOpts, dependsOn: [this.serviceAccount] },
    );

    this.service = new k8s.core.v1.Service(
      name,
      { metadata: meta, spec: { type: "ClusterIP", selector: { "app.kubernetes.io/name": app.name }, ports: [{ name: "http", port: 80, targetPort: "http", protocol: "TCP" }] } },
      k8sOpts,
    );

    if (insecure) {
      // "Just for debugging": exec into the pods. RBAC-003 rejects it (exec bypasses every other control).
      new k8s.rbac.v1.Role(
        `${name}-debug`,
        { metadata: { ...meta, name: `${app.name}-debug` }, rules: [{ apiGroups: [""], resources: ["pods", "pods/exec"], verbs: ["get", "create"] }] },
        k8sOpts,
      );
    }
    this.registerOutputs({ deployment: this.deployment.metadata.name, service: this.service.metadata.name });
  }
}
