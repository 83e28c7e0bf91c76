/** The CodeBuild buildspec that runs `pulumi up` for the in-cluster stack from inside the VPC. */

/** Inputs of the buildspec. */
export interface BuildspecInput {
  /** Pulumi CLI version to install when the image does not carry it, e.g. `3.248.0`. */
  readonly pulumiVersion: string;
  /** Directory of the in-cluster program inside the source, e.g. `infra/in-cluster`. */
  readonly programDir: string;
  /** Install the CLI from get.pulumi.com (needs the NAT); false when the image already has it. */
  readonly installCli: boolean;
}

/** Buildspec YAML (JSON is valid YAML, so it is built with JSON.stringify). */
export function buildspec(input: BuildspecInput): string {
  const install = input.installCli
    ? [`curl -fsSL https://get.pulumi.com | sh -s -- --version ${input.pulumiVersion}`, 'export PATH="$HOME/.pulumi/bin:$PATH"']
    : ["pulumi version"];
  return JSON.stringify({
    version: 0.2,
    env: { shell: "bash" },
    phases: {
      install: { commands: [...install, "npm ci --no-audit --no-fund"] },
      build: {
        commands: [
          'pulumi login "$PULUMI_BACKEND_URL"',
          `cd ${input.programDir}`,
          'pulumi up --stack "$PULUMI_STACK" --yes --non-interactive --skip-preview=false --policy-pack "$CODEBUILD_SRC_DIR/policy-pack"',
        ],
      },
    },
  });
}
