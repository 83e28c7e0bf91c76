/** The CodeBuild buildspec that runs `pulumi up` for the in-cluster stack from inside the VPC. */

/** How the build gets the Pulumi CLI, the npm dependencies and the provider plugins. */
export type InstallMode =
  /** NAT egress: install the CLI from get.pulumi.com, `npm ci` from the registry, plugins on demand. */
  | "online"
  /**
   * No internet (private-only VPC): the image carries the CLI, the plugins (`pulumi plugin install`) and a
   * warm npm cache of the lockfile (`npm ci --offline`), and automatic plugin downloads are off.
   */
  | "offline";

/** Inputs of the buildspec. */
export interface BuildspecInput {
  /** Pulumi CLI version to install online, e.g. `3.248.0`. */
  readonly pulumiVersion: string;
  /** Directory of the in-cluster program inside the source, e.g. `infra/in-cluster`. */
  readonly programDir: string;
  /** Directory of the policy pack inside the source (default `policy-pack`). */
  readonly policyPackDir?: string;
  /**
   * The pack config of the stack, relative to the source root (audit B5: without it the pack runs with
   * defaults and NP-003 fails, because the NetworkPolicy enforcer lives in the AWS stack).
   */
  readonly policyPackConfig: string;
  readonly install: InstallMode;
  /** Pass `--secrets-provider "$PULUMI_SECRETS_PROVIDER"` when the stack is created (DIY backends). */
  readonly secretsProvider: boolean;
}

/** Environment variables every build gets (no update check, no plugin downloads offline). */
export function buildspecEnv(input: Pick<BuildspecInput, "install">): Record<string, string> {
  return {
    PULUMI_SKIP_UPDATE_CHECK: "true",
    ...(input.install === "offline" ? { PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true", npm_config_offline: "true" } : {}),
  };
}

/** Buildspec YAML (JSON is valid YAML, so it is built with JSON.stringify). */
export function buildspec(input: BuildspecInput): string {
  const pack = `$CODEBUILD_SRC_DIR/${input.policyPackDir ?? "policy-pack"}`;
  const install =
    input.install === "online"
      ? [`curl -fsSL https://get.pulumi.com | sh -s -- --version ${input.pulumiVersion}`, 'export PATH="$HOME/.pulumi/bin:$PATH"', "npm ci --no-audit --no-fund"]
      : // The image's npm cache holds every package of the lockfile; --offline never touches the network.
        ["pulumi version", "aws --version", "npm ci --offline --no-audit --no-fund"];
  const select = input.secretsProvider
    ? 'pulumi stack select --create "$PULUMI_STACK" --secrets-provider "$PULUMI_SECRETS_PROVIDER"'
    : 'pulumi stack select --create "$PULUMI_STACK"';
  return JSON.stringify({
    version: 0.2,
    env: { shell: "bash", variables: buildspecEnv(input) },
    phases: {
      install: { ...(input.install === "online" ? { "runtime-versions": { nodejs: 20 } } : {}), commands: install },
      build: {
        commands: [
          'pulumi login "$PULUMI_BACKEND_URL"',
          `cd "$CODEBUILD_SRC_DIR/${input.programDir}"`,
          // A first run on a fresh backend creates the stack (audit B8); later runs just select it.
          select,
          `pulumi up --stack "$PULUMI_STACK" --yes --non-interactive --skip-preview=false --policy-pack "${pack}" --policy-pack-config "$CODEBUILD_SRC_DIR/${input.policyPackConfig}"`,
        ],
      },
    },
  });
}
