/**
 * Expected findings of the regression corpus (test/scan-corpus/traps/): for each file, each object (by
 * name) with the rules it must violate and where the PSS-B03 finding must point (line:column of the
 * offending `privileged` field), plus the errors and exemptions the file must yield. All files are
 * hand-written traps; no third-party manifests are included.
 */
export interface ExpectedObject {
  readonly name: string;
  readonly kind: string;
  /** Rules that must be among the object's violations. */
  readonly rules: readonly string[];
  /** `line:column` of the PSS-B03 finding (the `privileged` key). */
  readonly privilegedAt?: string;
  readonly status?: "judged" | "exempt" | "skipped";
}

/** One corpus file's expectations. */
export interface ExpectedFile {
  readonly objects: readonly ExpectedObject[];
  /** Error results (objects the API server would reject), each matching one pattern in order. */
  readonly errors?: readonly RegExp[];
}

/** Expectations by file name. */
export const EXPECTED: Readonly<Record<string, ExpectedFile>> = {
  "merge-key-privileged.yaml": { objects: [{ name: "merged", kind: "Pod", rules: ["PSS-B03"], privilegedAt: "13:11" }] },
  "yaml11-booleans.yaml": { objects: [{ name: "yaml11", kind: "Deployment", rules: ["PSS-B02", "PSS-B03", "PSS-R02"], privilegedAt: "17:13" }] },
  "legacy-apis.yaml": {
    objects: [
      { name: "ext-deploy", kind: "Deployment", rules: ["PSS-B03"], privilegedAt: "8:62" },
      { name: "beta1-sts", kind: "StatefulSet", rules: ["PSS-B03"], privilegedAt: "16:62" },
      { name: "beta2-ds", kind: "DaemonSet", rules: ["PSS-B03"], privilegedAt: "24:62" },
      { name: "beta1-cron", kind: "CronJob", rules: ["PSS-B03"], privilegedAt: "35:66" },
      { name: "v2alpha1-cron", kind: "CronJob", rules: ["PSS-B03"], privilegedAt: "46:66" },
    ],
  },
  "custom-kinds.yaml": {
    objects: [
      { name: "dc", kind: "DeploymentConfig", rules: ["PSS-B03"], privilegedAt: "8:62" },
      { name: "rollout", kind: "Rollout", rules: ["PSS-B03"], privilegedAt: "16:62" },
      { name: "scheduled", kind: "ScheduledTask", rules: ["PSS-B03"], privilegedAt: "26:66" },
      { name: "bare", kind: "BareTemplate", rules: ["PSS-B03"], privilegedAt: "33:60" },
    ],
  },
  "nested-list.yaml": { objects: [{ name: "deep-in-lists", kind: "Pod", rules: ["PSS-B03"], privilegedAt: "12:66" }] },
  "bad-kinds.yaml": {
    objects: [],
    errors: [/deployment lowercase: kind 'deployment' .*write 'Deployment'/, /Deploymnet misspelt: kind 'Deploymnet' is not a kind of apps\/v1/, /pod lower-pod: .*write 'Pod'/],
  },
  "kube-system.yaml": { objects: [{ name: "node-agent", kind: "DaemonSet", rules: [], status: "exempt" }] },
  "pod.json": { objects: [{ name: "json-pod", kind: "Pod", rules: ["PSS-B03"], privilegedAt: "7:59" }] },
};
