/**
 * The compliant pods of benchmarks 5, 6 and 7: a tenant namespace (PSA `restricted`) and N pods that follow the
 * restricted profile, each with a distinct name. Plain data with no engine imports, so a benchmark program can load
 * it without paying for more than the SDK it measures.
 */
import { LABELS, PSA_LABELS } from "../policy-pack/baseline/labels";
import { RESTRICTED_CONTAINER_SECURITY_CONTEXT, RESTRICTED_POD_SECURITY_CONTEXT } from "../policy-pack/baseline/pss";

/** The tenant namespace the generated pods live in. */
export const NAMESPACE = "team-bench";

/** One Kubernetes object to register: its Pulumi type, resource name and inputs. */
export interface BenchObject {
  readonly type: string;
  readonly name: string;
  readonly inputs: Record<string, any>;
}

/** The namespace followed by `count` compliant pods. */
export function podObjects(count: number): BenchObject[] {
  const image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/app@sha256:" + "a".repeat(64);
  const namespace: BenchObject = {
    type: "kubernetes:core/v1:Namespace",
    name: NAMESPACE,
    inputs: { metadata: { name: NAMESPACE, labels: { [LABELS.tenant]: NAMESPACE, [PSA_LABELS.enforce]: "restricted" } } },
  };
  const pods = Array.from({ length: count }, (_, i): BenchObject => ({
    type: "kubernetes:core/v1:Pod",
    name: `pod-${i}`,
    inputs: {
      metadata: { name: `pod-${i}`, namespace: NAMESPACE, labels: { app: `app-${i % 50}` } },
      spec: {
        // Its own service account (SA-003 flags the namespace default).
        serviceAccountName: "app",
        automountServiceAccountToken: false,
        securityContext: RESTRICTED_POD_SECURITY_CONTEXT,
        containers: [
          {
            name: "app",
            image,
            securityContext: RESTRICTED_CONTAINER_SECURITY_CONTEXT,
            resources: { requests: { cpu: "100m", memory: "128Mi" }, limits: { cpu: "500m", memory: "256Mi" } },
          },
        ],
      },
    },
  }));
  return [namespace, ...pods];
}
