import * as pulumi from "@pulumi/pulumi";
import { z } from "zod";
import { tenantsConfigSchema, type TenantConfig } from "../../components/tenant/config";
import { parseNamespacedConfig } from "../config";
import { inClusterIngressConfigSchema, type TenantIngressConfig } from "../schema-ingress";

/**
 * Stack configuration of the in-cluster program (namespace `hardened-cluster`, files in
 * infra/in-cluster/stacks/). It owns the tenants of staging/prod: the program that creates them.
 */
export const inClusterConfigShape = {
  /** Fully qualified AWS stack to read through a StackReference, e.g. `acme/hardened-cluster/prod`. */
  platformStack: z.string().regex(/^[^/\s]+\/[^/\s]+\/[^/\s]+$/, "must be a fully qualified stack org/project/stack such as acme/hardened-cluster/prod"),
  /** Tenants (components/tenant/config.ts); their principals must be IAM roles of the platform's account. */
  tenants: tenantsConfigSchema.default([]),
  /** Tenants' ingress declarations (infra/schema-ingress.ts), checked against the AWS stack's `ingress` output. */
  ingress: inClusterIngressConfigSchema,
};

/** The validated in-cluster configuration. */
export const inClusterConfigSchema = z.object(inClusterConfigShape).strict();

/** The validated in-cluster configuration. */
export interface InClusterConfig {
  readonly platformStack: string;
  readonly tenants: TenantConfig[];
  readonly ingress: { readonly tenants: TenantIngressConfig[] };
}

/** Validate raw stack config of the in-cluster program; throws a ConfigError naming every bad key. */
export function parseInClusterConfig(raw: Readonly<Record<string, string>>): InClusterConfig {
  return parseNamespacedConfig(raw, inClusterConfigSchema, inClusterConfigShape);
}

/** Read and validate the running in-cluster stack's configuration (before any resource is registered). */
export function readInClusterConfig(): InClusterConfig {
  return parseInClusterConfig(pulumi.runtime.allConfig());
}
