import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { argError } from "../detection/args-error";
import { Repository, validateRepositoryArgs, type RepositoryArgs } from "./repository";

/** Args of the tenant image registry: several hardened repositories with shared settings. */
export interface TenantRegistryArgs extends Omit<RepositoryArgs, "repositoryName"> {
  /** Repository names (e.g. `team-a/api`). */
  readonly repositories: readonly string[];
  /**
   * Turn on ECR enhanced scanning (Amazon Inspector, continuous) for the whole registry. Account-wide: one
   * RegistryScanningConfiguration per account and region, so enable it in one stack only. Default false (basic scan
   * on push).
   */
  readonly enhancedScanning?: boolean;
}

/** The account-wide enhanced scanning rule: every repository, continuously. */
export const ENHANCED_SCANNING_RULES = [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] as const;

/** The registry host images must come from (the IMG-001 default allowlist pattern). */
export function registryHost(accountId: string, region: string): string {
  return `${accountId}.dkr.ecr.${region}.amazonaws.com`;
}

/** Tenant image registry: one `Repository` per name, plus optional enhanced scanning. */
export class TenantRegistry extends pulumi.ComponentResource {
  readonly repositories: Readonly<Record<string, Repository>>;
  readonly scanning?: aws.ecr.RegistryScanningConfiguration;
  readonly repositoryUrls: pulumi.Output<Record<string, string>>;

  constructor(name: string, args: TenantRegistryArgs, opts?: pulumi.ComponentResourceOptions) {
    if (!Array.isArray(args.repositories) || args.repositories.length === 0) {
      throw argError("TenantRegistry", name, "repositories", "is empty", "list at least one repository name, e.g. [\"team-a/api\"]");
    }
    const seen = new Set<string>();
    args.repositories.forEach((repo, i) => {
      if (seen.has(repo)) throw argError("TenantRegistry", name, `repositories[${i}]`, `repeats ${JSON.stringify(repo)}`, "list each repository once");
      seen.add(repo);
    });
    const { repositories, enhancedScanning, ...shared } = args;
    // Validate every repository before any resource registers.
    repositories.forEach((repo) => validateRepositoryArgs(`${name}/${repo}`, { ...shared, repositoryName: repo }));
    super("hardened-cluster:registry:TenantRegistry", name, {}, opts);
    const repos: Record<string, Repository> = {};
    for (const repo of repositories) {
      repos[repo] = new Repository(`${name}-${repo.replace(/\//g, "-")}`, { ...shared, repositoryName: repo }, { parent: this });
    }
    this.repositories = repos;
    if (enhancedScanning) {
      this.scanning = new aws.ecr.RegistryScanningConfiguration(`${name}-scanning`, {
        scanType: "ENHANCED",
        rules: ENHANCED_SCANNING_RULES.map((r) => ({ scanFrequency: r.scanFrequency, repositoryFilters: r.repositoryFilters.map((f) => ({ ...f })) })),
      }, { parent: this });
    }
    this.repositoryUrls = pulumi.all(Object.fromEntries(Object.entries(repos).map(([k, r]) => [k, r.repositoryUrl])));
    this.registerOutputs({ repositoryUrls: this.repositoryUrls });
  }
}
