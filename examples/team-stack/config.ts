/**
 * The team stack's config (`Pulumi.<stack>.yaml`), validated before any resource is registered. Every error
 * names the config key and the fix.
 */
import * as pulumi from "@pulumi/pulumi";
// A team installing the package writes: import type { TenantConfigInput } from "hardened-cluster";
import type { TenantConfigInput } from "../../components";

/** How the workload gets AWS credentials. */
export type IdentityMode = "pod-identity" | "irsa";

/** The team's workload. */
export interface AppConfig {
  /** Name of the Deployment, Service, ServiceAccount and IAM role suffix (a DNS-1123 label). */
  readonly name: string;
  /** Tenant namespace the workload runs in (one of `tenant.namespaces`). */
  readonly namespace: string;
  /** ECR repository name in the team's account, e.g. `risk/scoring`. */
  readonly repository: string;
  /** Immutable image tag (semantic version); `latest` is refused. */
  readonly tag: string;
  /** Image digest `sha256:<64 hex>` the tag must resolve to (optional; IMG-003 advises it). */
  readonly digest?: string;
  /** Container port the Service targets. */
  readonly port: number;
  readonly replicas: number;
  /** SSM parameter path the workload's IAM role may read. */
  readonly parameterPath: string;
}

/** Everything the team program reads from config. */
export interface TeamConfig {
  /** `<org>/<project>/<stack>` of the platform stack. */
  readonly platformStack: string;
  readonly accountId: string;
  readonly region: string;
  /** The tenant as `Tenant` takes it (the component validates every field and names the bad one). */
  readonly tenant: TenantConfigInput;
  readonly app: AppConfig;
  readonly identity: IdentityMode;
  /** Build the deliberately insecure variant (for showing the pack at work; never in a real stack). */
  readonly insecureWorkload: boolean;
}

const DNS1123 = /^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$/;
const SEMVER = /^v?\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

function fail(key: string, fix: string): never {
  throw new Error(`config ${pulumi.getProject()}:${key}: ${fix}`);
}

/** Check the app block; throws naming the first bad field. */
export function validateApp(raw: unknown, tenantNamespaces: readonly string[]): AppConfig {
  if (!raw || typeof raw !== "object" || Array.isArray(raw)) fail("app", "set an object with name, namespace, repository, tag, port, replicas, parameterPath");
  const app = raw as Record<string, unknown>;
  if (typeof app.name !== "string" || !DNS1123.test(app.name)) fail("app.name", 'use a DNS-1123 label such as "scoring"');
  if (typeof app.namespace !== "string" || !tenantNamespaces.includes(app.namespace)) {
    fail("app.namespace", `use one of the tenant's namespaces (${tenantNamespaces.join(", ")})`);
  }
  if (typeof app.repository !== "string" || !/^[a-z0-9][a-z0-9._/-]*$/.test(app.repository)) fail("app.repository", 'use the ECR repository name, e.g. "risk/scoring"');
  if (typeof app.tag !== "string" || !SEMVER.test(app.tag)) fail("app.tag", 'use an immutable semantic-version tag such as "1.4.2" (never "latest")');
  if (app.digest !== undefined && (typeof app.digest !== "string" || !/^sha256:[0-9a-f]{64}$/.test(app.digest))) {
    fail("app.digest", "use the pushed image's digest, sha256:<64 hex characters>, or remove it");
  }
  if (!Number.isInteger(app.port) || (app.port as number) < 1024 || (app.port as number) > 65535) {
    fail("app.port", "use an unprivileged port between 1024 and 65535 (the container runs as non-root)");
  }
  if (!Number.isInteger(app.replicas) || (app.replicas as number) < 1) fail("app.replicas", "use a positive integer");
  if (typeof app.parameterPath !== "string" || !/^\/[\w./-]+$/.test(app.parameterPath)) fail("app.parameterPath", 'use an SSM path such as "/risk/scoring"');
  return app as unknown as AppConfig;
}

/** Read and validate the stack's config. */
export function readTeamConfig(): TeamConfig {
  const config = new pulumi.Config();
  const region = new pulumi.Config("aws").require("region");
  const platformStack = config.require("platformStack");
  if (platformStack.split("/").length !== 3) fail("platformStack", "use the fully qualified <org>/<project>/<stack>, e.g. acme/hardened-cluster/dev");
  const accountId = config.require("accountId");
  if (!/^\d{12}$/.test(accountId)) fail("accountId", 'use the 12-digit AWS account id (quoted in YAML), e.g. "111111111111"');
  const tenant = config.requireObject<TeamConfig["tenant"]>("tenant");
  if (!tenant || !Array.isArray(tenant.namespaces)) fail("tenant.namespaces", "list the tenant's namespaces");
  const identity = (config.get("identity") ?? "pod-identity") as IdentityMode;
  if (identity !== "pod-identity" && identity !== "irsa") fail("identity", 'use "pod-identity" or "irsa"');
  return {
    platformStack,
    accountId,
    region,
    tenant,
    app: validateApp(config.requireObject("app"), tenant.namespaces),
    identity,
    insecureWorkload: config.getBoolean("insecureWorkload") ?? false,
  };
}
