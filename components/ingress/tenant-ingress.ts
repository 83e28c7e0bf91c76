import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { LABELS } from "../../policy-pack/baseline/labels";
import { ALB_INGRESS_CONTROLLER, INTERNET_FACING_JUSTIFICATION_ANNOTATION, LB_INGRESS_POLICY_NAME } from "../../policy-pack/baseline/ingress";
import { MIN_JUSTIFICATION_LENGTH } from "../../policy-pack/core/exemptions";
import { loadBalancerIngressPolicySpec } from "./policies";

/** Load-balancer scheme of a tenant's IngressClass. */
export type IngressScheme = "internal" | "internet-facing";

/** Args of {@link TenantIngress}. */
export interface TenantIngressArgs {
  /** Tenant name: the IngressClass, its IngressClassParams and the ALB group are named after it. */
  readonly tenant: string;
  /** The tenant's namespaces: each gets the allow-from-load-balancer NetworkPolicy. */
  readonly namespaces: readonly string[];
  /** Declared ingress ports (the pod ports the tenant's Ingress backends listen on), 1-65535. */
  readonly ports: readonly number[];
  /** Scheme of every load balancer of the class. Default `internal`. */
  readonly scheme?: IngressScheme;
  /** Why the class is internet-facing (required with `scheme: internet-facing`, at least 20 characters). */
  readonly justification?: string;
  /** CIDRs the load balancers forward from (the subnets they live in: private subnets for internal). */
  readonly sourceCidrs: readonly string[];
  /**
   * Client CIDRs the load balancers accept (IngressClassParams `inboundCIDRs`, the frontend SG the controller
   * manages). Internal: the VPC and private client ranges; `0.0.0.0/0` only with `scheme: internet-facing`.
   */
  readonly clientCidrs: readonly string[];
  /** Kubernetes provider of the cluster. */
  readonly provider: k8s.Provider;
}

/** The IngressClass (and IngressClassParams) name of a tenant. */
export function ingressClassName(tenant: string): string {
  return `${tenant}-alb`;
}

/** Throws a named-field error for bad args (before any resource is registered). */
export function validateTenantIngressArgs(name: string, args: TenantIngressArgs): void {
  const err = (field: string, problem: string) => new Error(`TenantIngress ${name}: ${field} ${problem}`);
  if (args.namespaces.length === 0) throw err("namespaces", "is empty: list the tenant's namespaces");
  if (args.ports.length === 0) throw err("ports", "is empty: declare the ports the tenant's backends listen on");
  for (const p of args.ports) if (!Number.isInteger(p) || p < 1 || p > 65535) throw err("ports", `contains ${p}: use ports 1-65535`);
  if (args.sourceCidrs.length === 0) throw err("sourceCidrs", "is empty: pass the load balancers' subnet CIDRs");
  if (args.clientCidrs.length === 0) throw err("clientCidrs", "is empty: pass the CIDRs clients connect from");
  if ((args.scheme ?? "internal") === "internal" && args.clientCidrs.some((c) => c === "0.0.0.0/0" || c === "::/0")) throw err("clientCidrs", "opens an internal load balancer to any address: list the VPC and private client ranges");
  if ((args.scheme ?? "internal") === "internet-facing" && (args.justification ?? "").trim().length < MIN_JUSTIFICATION_LENGTH) {
    throw err("justification", `is required with scheme internet-facing (at least ${MIN_JUSTIFICATION_LENGTH} characters saying why)`);
  }
}

/**
 * A tenant's way in through the shared AWS Load Balancer Controller: an `IngressClassParams` that pins the
 * scheme (internal unless justified), the ALB group (one ALB per tenant: Ingresses of other tenants never
 * share its listeners), ip targets, and a namespaceSelector so only the tenant's namespaces can use it; the
 * `IngressClass` pointing at it; and in each namespace the NetworkPolicy that admits the load balancers'
 * subnets on the declared ports only. Create it after the controller (its webhook validates IngressClassParams).
 */
export class TenantIngress extends pulumi.ComponentResource {
  readonly ingressClassName: string;
  readonly params: k8s.apiextensions.CustomResource;
  readonly ingressClass: k8s.networking.v1.IngressClass;
  readonly policies: k8s.networking.v1.NetworkPolicy[];

  constructor(name: string, args: TenantIngressArgs, opts?: pulumi.ComponentResourceOptions) {
    validateTenantIngressArgs(name, args);
    super("hardened-cluster:ingress:TenantIngress", name, {}, opts);
    const o = { parent: this, provider: args.provider };
    const scheme = args.scheme ?? "internal";
    const className = ingressClassName(args.tenant);
    this.ingressClassName = className;
    const labels = { "app.kubernetes.io/managed-by": "hardened-cluster", "hardened-cluster.io/component": "ingress", [LABELS.tenant]: args.tenant };
    this.params = new k8s.apiextensions.CustomResource(
      `${name}-params`,
      {
        apiVersion: "elbv2.k8s.aws/v1beta1",
        kind: "IngressClassParams",
        metadata: { name: className, labels, annotations: scheme === "internet-facing" ? { [INTERNET_FACING_JUSTIFICATION_ANNOTATION]: args.justification!.trim() } : {} },
        spec: {
          scheme,
          group: { name: args.tenant },
          targetType: "ip",
          inboundCIDRs: [...args.clientCidrs],
          namespaceSelector: { matchLabels: { [LABELS.tenant]: args.tenant } },
        },
      },
      o,
    );
    this.ingressClass = new k8s.networking.v1.IngressClass(
      `${name}-class`,
      { metadata: { name: className, labels }, spec: { controller: ALB_INGRESS_CONTROLLER, parameters: { apiGroup: "elbv2.k8s.aws", kind: "IngressClassParams", name: className } } },
      { ...o, dependsOn: [this.params] },
    );
    const spec = loadBalancerIngressPolicySpec(args.sourceCidrs, args.ports);
    this.policies = args.namespaces.map(
      (ns) =>
        new k8s.networking.v1.NetworkPolicy(
          `${name}-${ns}-lb`,
          { metadata: { name: LB_INGRESS_POLICY_NAME, namespace: ns, labels }, spec: { podSelector: spec.podSelector, policyTypes: [...spec.policyTypes], ingress: spec.ingress?.map((r) => ({ ...r })) } },
          o,
        ),
    );
    this.registerOutputs({ ingressClassName: className });
  }
}
