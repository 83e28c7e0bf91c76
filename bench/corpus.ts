/** A generated corpus of Kubernetes objects as multi-document YAML, for the scan benchmark. */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stringify } from "yaml";

/** Kinds in the corpus, in rotation. */
export const CORPUS_KINDS = ["Deployment", "Pod", "Service", "Role", "NetworkPolicy", "Namespace"] as const;

const RESTRICTED_CONTAINER = {
  securityContext: {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    readOnlyRootFilesystem: true,
    capabilities: { drop: ["ALL"] },
    seccompProfile: { type: "RuntimeDefault" },
  },
  resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
};

function podSpec(i: number): Record<string, unknown> {
  // Every fifth workload is weakened (privileged, root, :latest), so rules have findings to report.
  const weak = i % 5 === 0;
  return {
    automountServiceAccountToken: false,
    securityContext: { runAsNonRoot: true, seccompProfile: { type: "RuntimeDefault" } },
    containers: [
      {
        name: "app",
        image: weak ? `docker.io/library/nginx:latest` : `123456789012.dkr.ecr.eu-west-1.amazonaws.com/app-${i % 50}@sha256:${"a".repeat(64)}`,
        ports: [{ containerPort: 8080, protocol: "TCP" }],
        env: [{ name: "MODE", value: "production" }, { name: "INDEX", value: String(i) }],
        ...(weak ? { securityContext: { privileged: true, runAsUser: 0 } } : RESTRICTED_CONTAINER),
      },
    ],
  };
}

/** Object number `i` of the corpus (the kind rotates through {@link CORPUS_KINDS}). */
export function corpusObject(i: number): Record<string, unknown> {
  const kind = CORPUS_KINDS[i % CORPUS_KINDS.length];
  const ns = `team-${i % 40}-app`;
  const metadata = { name: `${kind.toLowerCase()}-${i}`, namespace: ns, labels: { app: `app-${i % 50}`, "hardened-cluster.io/tenant": `team-${i % 40}` } };
  switch (kind) {
    case "Deployment":
      return { apiVersion: "apps/v1", kind, metadata, spec: { replicas: 2, selector: { matchLabels: { app: `app-${i % 50}` } }, template: { metadata: { labels: { app: `app-${i % 50}` } }, spec: podSpec(i) } } };
    case "Pod":
      return { apiVersion: "v1", kind, metadata, spec: podSpec(i) };
    case "Service":
      return { apiVersion: "v1", kind, metadata, spec: { type: i % 7 === 0 ? "NodePort" : "ClusterIP", selector: { app: `app-${i % 50}` }, ports: [{ name: "http", port: 80, targetPort: 8080, protocol: "TCP" }] } };
    case "Role":
      return {
        apiVersion: "rbac.authorization.k8s.io/v1",
        kind,
        metadata,
        rules: [
          { apiGroups: [""], resources: ["pods", "services", "configmaps"], verbs: ["get", "list", "watch"] },
          i % 4 === 0 ? { apiGroups: ["*"], resources: ["*"], verbs: ["*"] } : { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list", "watch", "update", "patch"] },
        ],
      };
    case "NetworkPolicy":
      return {
        apiVersion: "networking.k8s.io/v1",
        kind,
        metadata,
        spec: {
          podSelector: { matchLabels: { app: `app-${i % 50}` } },
          policyTypes: ["Ingress", "Egress"],
          ingress: [{ from: [{ podSelector: {} }], ports: [{ port: 8080, protocol: "TCP" }] }],
          egress: [{ to: [{ ipBlock: { cidr: i % 6 === 0 ? "0.0.0.0/0" : "10.20.0.0/16" } }], ports: [{ port: 443, protocol: "TCP" }] }],
        },
      };
    default:
      return {
        apiVersion: "v1",
        kind,
        metadata: {
          name: `ns-${i}`,
          labels: {
            "pod-security.kubernetes.io/enforce": i % 3 === 0 ? "baseline" : "restricted",
            "pod-security.kubernetes.io/enforce-version": "v1.33",
            "hardened-cluster.io/tenant": `team-${i % 40}`,
          },
        },
      };
  }
}

/** A corpus written to disk. */
export interface Corpus {
  readonly dir: string;
  readonly files: readonly string[];
  readonly objects: number;
  readonly bytes: number;
  /** Remove the temporary folder. */
  remove(): void;
}

/** Write `objects` objects as `files` multi-document YAML files into a fresh temporary folder. */
export function writeCorpus(objects: number, files = 10): Corpus {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hc-bench-scan-"));
  const written: string[] = [];
  let bytes = 0;
  const perFile = Math.ceil(objects / files);
  for (let f = 0; f * perFile < objects; f++) {
    const docs: string[] = [];
    for (let i = f * perFile; i < Math.min(objects, (f + 1) * perFile); i++) docs.push(stringify(corpusObject(i)));
    const text = docs.join("---\n");
    const file = path.join(dir, `corpus-${String(f).padStart(3, "0")}.yaml`);
    fs.writeFileSync(file, text);
    written.push(file);
    bytes += Buffer.byteLength(text);
  }
  return { dir, files: written, objects, bytes, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
