/**
 * The AdmissionMirror component: `ValidatingAdmissionPolicy` + `ValidatingAdmissionPolicyBinding` pairs that
 * enforce, in the cluster, the pack rules CEL can express — defense in depth for anyone who bypasses Pulumi.
 */
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LABEL_PREFIX, LABELS } from "../../policy-pack/baseline/labels";
import type { PackConfig } from "../../policy-pack/core/config";
import { admissionParams, admissionPolicies, type AdmissionPolicyData } from "./expressions";

/** Pulumi type token of the component. */
export const ADMISSION_MIRROR_TYPE = "hardened-cluster:admission:AdmissionMirror";

/** Arguments of {@link AdmissionMirror}. */
export interface AdmissionMirrorArgs {
  /** Pack config the rules read (`poolLabelKey`, `allowedRegistries`, `allowedExternalServices`); defaults when absent. */
  readonly config?: Partial<PackConfig>;
  /** Prefix of the (cluster-scoped) policy and binding names; a DNS-1123 subdomain. Default `hardened-cluster`. */
  readonly namePrefix?: string;
  /** Kubernetes provider; otherwise inherited from `opts`. Set it (e.g. `cluster.provider`) in a real stack. */
  readonly provider?: k8s.Provider;
}

/** Annotation on each policy listing the pack rule ids it mirrors. */
export const MIRRORED_RULES_ANNOTATION = `${LABEL_PREFIX}mirrors-rules`;

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

/** The `spec` of the ValidatingAdmissionPolicy for `policy`. */
export function policySpec(policy: AdmissionPolicyData): k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicySpec {
  return {
    failurePolicy: "Fail",
    matchConstraints: { resourceRules: JSON.parse(JSON.stringify(policy.resourceRules)) as k8s.types.input.admissionregistration.v1.NamedRuleWithOperations[] },
    validations: policy.validations.map((v) => ({ expression: v.expression, message: v.message, reason: v.reason })),
  };
}

/** The `spec` of the binding of `policyName`: Deny, in namespaces carrying the tenant label. */
export function bindingSpec(policyName: string): k8s.types.input.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec {
  return {
    policyName,
    validationActions: ["Deny"],
    matchResources: { namespaceSelector: { matchExpressions: [{ key: LABELS.tenant, operator: "Exists" }] } },
  };
}

/** Admission policies mirroring the pack's CEL-expressible rules, bound to every tenant namespace. */
export class AdmissionMirror extends pulumi.ComponentResource {
  /** Names of the policies (each binding has the same name). */
  readonly policyNames: string[];

  constructor(name: string, args: AdmissionMirrorArgs = {}, opts: pulumi.ComponentResourceOptions = {}) {
    const prefix = args.namePrefix ?? "hardened-cluster";
    if (!DNS1123_SUBDOMAIN.test(prefix) || prefix.length > 200) {
      throw new Error(`AdmissionMirror(${name}).args.namePrefix "${prefix}": use a DNS-1123 subdomain such as "hardened-cluster"`);
    }
    const policies = admissionPolicies(admissionParams(args.config));
    super(ADMISSION_MIRROR_TYPE, name, {}, opts);
    const childOpts = args.provider ? { parent: this, provider: args.provider } : { parent: this };
    this.policyNames = [];
    for (const policy of policies) {
      const policyName = `${prefix}-${policy.suffix}`;
      const vap = new k8s.admissionregistration.v1.ValidatingAdmissionPolicy(
        policyName,
        { metadata: { name: policyName, annotations: { [MIRRORED_RULES_ANNOTATION]: [...new Set(policy.validations.map((v) => v.rule))].join(",") } }, spec: policySpec(policy) },
        childOpts,
      );
      new k8s.admissionregistration.v1.ValidatingAdmissionPolicyBinding(
        policyName,
        { metadata: { name: policyName }, spec: bindingSpec(policyName) },
        { ...childOpts, dependsOn: [vap] },
      );
      this.policyNames.push(policyName);
    }
    this.registerOutputs({ policyNames: this.policyNames });
  }
}
