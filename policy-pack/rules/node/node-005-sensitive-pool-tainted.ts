import { SENSITIVE_POOL } from "../../baseline/labels";
import { fieldReader, UNKNOWN } from "../../core/fields";
import { nativeResourceRule } from "../../core/native";
import { cannotVerify, readMaybeUnknown } from "../../core/unknowns";
import { NODE_TYPES } from "./types";

const REPELLING = ["NO_SCHEDULE", "NO_EXECUTE"];

/** NODE-005: the sensitive pool is labelled and tainted with the same key/value. */
export const node005 = nativeResourceRule({
  id: "NODE-005",
  name: "sensitive-pool-tainted",
  description: "A node group labelled <poolLabelKey>=sensitive must carry the matching NO_SCHEDULE taint; pool label and taint values must agree.",
  enforcementLevel: "mandatory",
  severity: "high",
  groups: ["node", "aws"],
  seed: ["S1 §5.6", "S2"],
  upstream: "@pulumi/aws NodeGroupTaint; Kubernetes RBAC good practices",
  remediation: "Label and taint the pool with the same key/value: labels {<poolLabelKey>: sensitive} and taints [{key: <poolLabelKey>, value: sensitive, effect: \"NO_SCHEDULE\"}].",
  resourceTypes: [NODE_TYPES.nodeGroup],
  check(resource, report, config) {
    const key = config.poolLabelKey;
    const get = fieldReader(resource.props, report);
    const labels = get("labels");
    if (labels === UNKNOWN) return;
    // The key contains dots (hardened-cluster.io/pool), so it is read directly, not through a dotted path.
    const read = readMaybeUnknown(() => (labels && typeof labels === "object" ? (labels as Record<string, unknown>)[key] : undefined));
    if (!read.known) {
      report(cannotVerify(`labels["${key}"]`));
      return;
    }
    const label = read.value;
    const taints = get("taints");
    if (taints === UNKNOWN) return;
    const count = Array.isArray(taints) ? taints.length : 0;
    // Read each taint field through `get` (index paths): at preview any one of them may be unknown, which defers.
    const list: { key: unknown; value: unknown; effect: unknown }[] = [];
    for (let i = 0; i < count; i++) {
      const t = { key: get(`taints.${i}.key`), value: get(`taints.${i}.value`), effect: get(`taints.${i}.effect`) };
      if (t.key === UNKNOWN || t.value === UNKNOWN || t.effect === UNKNOWN) return;
      list.push(t);
    }
    const fix = { remediation: `Add taints: [{key: "${key}", value: "${SENSITIVE_POOL}", effect: "NO_SCHEDULE"}] and labels {"${key}": "${SENSITIVE_POOL}"}.` };
    if (label === SENSITIVE_POOL && !list.some((t) => t.key === key && t.value === SENSITIVE_POOL && REPELLING.includes(String(t.effect)))) {
      report({ message: `labels["${key}"] = ${SENSITIVE_POOL} but taints has no {key: "${key}", value: "${SENSITIVE_POOL}", effect: NO_SCHEDULE}: ordinary pods can land on the sensitive pool`, ...fix });
    }
    list.forEach((t, i) => {
      if (t.key === key && t.value !== label) {
        report({ message: `taints[${i}] ${key}=${String(t.value)} does not match labels["${key}"] = ${label === undefined ? "<absent>" : String(label)}: workloads could tolerate but not select the pool`, ...fix });
      }
    });
  },
});
