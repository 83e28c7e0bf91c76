import type { Rule } from "./core/rule";
import { eksRules } from "./rules/eks";
import { nodeRules } from "./rules/node";
import { sgRules } from "./rules/sg";
import { kmsRules } from "./rules/kms";
import { ecrRules } from "./rules/ecr";
import { logsRules } from "./rules/logs";
import { detectionRules } from "./rules/detection";
import { namespaceRules } from "./rules/namespace";
import { networkRules } from "./rules/network";
import { quotaRules } from "./rules/quota";
import { rbacRules } from "./rules/rbac";
import { serviceaccountRules } from "./rules/serviceaccount";
import { pssRules } from "./rules/pss";
import { serviceRules } from "./rules/service";
import { imageRules } from "./rules/image";
import { awsApiRules } from "./rules/aws-api";
import { orderingRules } from "./rules/ordering";
import { secretsRules } from "./rules/secrets";
import { ingressRules } from "./rules/ingress";

/** Every rule of the pack, by family. The pack, the scanner, the docs and the tests all read this table. */
export const RULE_FAMILIES: Readonly<Record<string, readonly Rule[]>> = {
  eks: eksRules,
  node: nodeRules,
  sg: sgRules,
  kms: kmsRules,
  ecr: ecrRules,
  logs: logsRules,
  detection: detectionRules,
  namespace: namespaceRules,
  network: networkRules,
  quota: quotaRules,
  rbac: rbacRules,
  serviceaccount: serviceaccountRules,
  pss: pssRules,
  service: serviceRules,
  image: imageRules,
  "aws-api": awsApiRules,
  ordering: orderingRules,
  secrets: secretsRules,
  ingress: ingressRules,
};

/** All rules, flattened in family order. */
export const RULES: readonly Rule[] = Object.values(RULE_FAMILIES).flat();

/** All groups (tags) any rule carries; `scan --only` accepts exactly these. */
export const RULE_GROUPS: readonly string[] = [...new Set(RULES.flatMap((r) => r.groups))].sort();

/** Look a rule up by id (`EKS-001`) or name (`eks-private-endpoint-enabled`). */
export function findRule(idOrName: string): Rule | undefined {
  return RULES.find((r) => r.id === idOrName || r.name === idOrName);
}
