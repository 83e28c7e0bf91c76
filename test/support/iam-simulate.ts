/**
 * IAM and key-policy simulation for tests, on `@cloud-copilot/iam-simulate` (a kept library: we never
 * evaluate IAM ourselves). A case is "principal P calls action A on resource R (with context C)"; the
 * identity policies are the role's policies as the components render them, the resource policy is a key
 * policy / bucket policy / trust policy where the request is judged by one.
 *
 * Used as a table: `expectAllowed(...)` / `expectDenied(...)` rows live next to the component they describe.
 */
import { runSimulation, type Simulation } from "@cloud-copilot/iam-simulate";

/** An IAM policy document as the components render it (JSON object, not text). */
export interface PolicyDocument {
  Version?: string;
  Statement: Record<string, unknown>[] | Record<string, unknown>;
}

/** One simulated request. */
export interface SimulatedRequest {
  /** Principal ARN (role/user) or service principal (`logs.eu-west-1.amazonaws.com`). */
  principal: string;
  /** `service:Action`. */
  action: string;
  /** Resource ARN the request is made on (`*` only for wildcard-only actions). */
  resource: string;
  /** Account that owns the resource. */
  resourceAccount: string;
  /** Request context keys, e.g. `{"kms:EncryptionContext:aws:logs:arn": "..."}`. */
  context?: Record<string, string | string[]>;
  /** Policies attached to the principal (inline and managed, already rendered). */
  identityPolicies?: PolicyDocument[];
  /** The resource's own policy (KMS key policy, trust policy, bucket policy), when it has one. */
  resourcePolicy?: PolicyDocument;
  /** Policies of the VPC endpoints the request passes through (a boundary: each must allow it). */
  endpointPolicies?: PolicyDocument[];
}

/** The decision: `Allowed`, `ImplicitlyDenied` or `ExplicitlyDenied`; throws when the request is malformed. */
export async function simulate(request: SimulatedRequest): Promise<string> {
  const simulation: Simulation = {
    identityPolicies: (request.identityPolicies ?? []).map((policy, index) => ({ name: `identity-${index}`, policy })),
    serviceControlPolicies: [],
    resourceControlPolicies: [],
    ...(request.resourcePolicy ? { resourcePolicy: request.resourcePolicy } : {}),
    ...(request.endpointPolicies ? { vpcEndpointPolicies: request.endpointPolicies.map((policy, index) => ({ name: `endpoint-${index}`, policy })) } : {}),
    request: {
      action: request.action,
      principal: request.principal,
      resource: { accountId: request.resourceAccount, resource: request.resource },
      contextVariables: request.context ?? {},
    },
  } as Simulation;
  const result = await runSimulation(simulation, {});
  if (result.resultType === "error") {
    throw new Error(`iam-simulate rejected the request ${request.action} on ${request.resource}: ${JSON.stringify(result.errors)}`);
  }
  return (result as { overallResult: string }).overallResult;
}

/** Simulates and returns true only for an `Allowed` decision. */
export async function isAllowed(request: SimulatedRequest): Promise<boolean> {
  return (await simulate(request)) === "Allowed";
}
