/**
 * Cluster Autoscaler releases by Kubernetes minor. The autoscaler's minor must match the cluster's (its scheduler
 * simulation is the vendored kube-scheduler of that minor), so the default image follows `kubernetesVersion`.
 * Releases: tags `cluster-autoscaler-<version>` of github.com/kubernetes/autoscaler (newest patch per minor as of
 * components/cluster/version.ts CALENDAR_AS_OF); images `registry.k8s.io/autoscaling/cluster-autoscaler:v<version>`.
 */

/** Upstream image repository. */
export const CLUSTER_AUTOSCALER_REPOSITORY = "registry.k8s.io/autoscaling/cluster-autoscaler";

/** Newest Cluster Autoscaler patch release per Kubernetes minor (the calendar's minors). */
export const CLUSTER_AUTOSCALER_RELEASES: Readonly<Record<string, string>> = {
  "1.33": "v1.33.6",
  "1.34": "v1.34.5",
  "1.35": "v1.35.2",
};

/**
 * Image digests known for a release (manifest-list digest of the multi-arch image). Only pinned where the digest was
 * resolved from a public record; re-resolve with `crane digest <image>` when moving a release.
 */
export const CLUSTER_AUTOSCALER_DIGESTS: Readonly<Record<string, string>> = {
  "v1.35.2": "sha256:aac369dc283927a623deb1af54696efcc722ae79255aa07788422e495bab887d",
};

/** The default image for a Kubernetes `major.minor`, digest-pinned when the digest is known; undefined for an unknown minor. */
export function defaultAutoscalerImage(kubernetesVersion: string): string | undefined {
  const release = CLUSTER_AUTOSCALER_RELEASES[kubernetesVersion];
  if (!release) return undefined;
  const digest = CLUSTER_AUTOSCALER_DIGESTS[release];
  return `${CLUSTER_AUTOSCALER_REPOSITORY}:${release}${digest ? `@${digest}` : ""}`;
}

/** The `major.minor` of an autoscaler image's tag (`…:v1.35.2@sha256:…` → `1.35`), or undefined without a version tag. */
export function autoscalerImageMinor(image: string): string | undefined {
  const match = /:v(\d+)\.(\d+)\.\d+(?:@sha256:[0-9a-f]{64})?$/.exec(image);
  return match ? `${match[1]}.${match[2]}` : undefined;
}
