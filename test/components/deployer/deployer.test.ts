import * as aws from "@pulumi/aws";
import { recordResources, type RecordedResource } from "../../../engine/record";
import * as pulumi from "@pulumi/pulumi";
import { buildspec, Deployer, DEPLOYER_GROUP, type DeployerArgs } from "../../../components/deployer";
import { ofType } from "../../infra/stack-config";

/** The prod-like deployer (private-only, S3 source and state, KMS secrets provider, ECR image). */
const PROD: DeployerArgs = {
  clusterName: "hc-prod",
  region: "eu-west-1",
  accountId: "333333333333",
  roleName: "hc-prod-deployer",
  vpcId: "vpc-1",
  vpcCidr: "10.30.0.0/16",
  subnetIds: ["subnet-d1", "subnet-d2"],
  clusterSecurityGroupId: "sg-cluster",
  awsApis: { mode: "endpoints", endpointSecurityGroupId: "sg-endpoints", s3PrefixListId: "pl-s3" },
  kmsKeyArn: "arn:aws:kms:eu-west-1:333333333333:key/11111111-2222-3333-4444-555555555555",
  source: { type: "S3", location: "hc-prod-deploy-sources/in-cluster.zip", programDir: "infra/in-cluster", version: "3HL4kqtJlcpXroDTDmJ.rmSpXd3dIbrHY" },
  stack: "organization/hardened-cluster-in-cluster/prod",
  backendUrl: "s3://hc-prod-pulumi-state",
  secretsProviderKeyArn: "arn:aws:kms:eu-west-1:333333333333:key/6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f",
  image: "333333333333.dkr.ecr.eu-west-1.amazonaws.com/platform/pulumi-deployer:3.248.0",
  protectedPrincipalArns: ["arn:aws:iam::333333333333:role/platform-breakglass"],
};

let callerPolicy: pulumi.Output<string> | undefined;

async function record(args: DeployerArgs, withCluster = true): Promise<RecordedResource[]> {
  return recordResources(() => {
    const cluster = withCluster ? new aws.eks.Cluster("hc-prod", { name: "hc-prod", roleArn: "arn:aws:iam::333333333333:role/hc-prod-cluster", vpcConfig: { subnetIds: ["subnet-a"] } }) : undefined;
    callerPolicy = new Deployer("hc-prod-deployer", { ...args, cluster }).callerPolicy;
  });
}

const byName = (resources: RecordedResource[], type: string, suffix: string) => ofType(resources, type).find((r) => r.name.endsWith(suffix))!;

describe("Deployer under mocks", () => {
  let resources: RecordedResource[];
  beforeAll(async () => {
    resources = await record(PROD);
  });

  test("B2: the project depends on a build policy that does not wait for the cluster", () => {
    const project = ofType(resources, "aws:codebuild/project:Project")[0];
    const build = byName(resources, "aws:iam/rolePolicy:RolePolicy", "-build");
    const cluster = ofType(resources, "aws:eks/cluster:Cluster")[0];
    expect(project.dependencies).toContain(build.urn);
    expect(project.dependencies).toContain(byName(resources, "aws:iam/rolePolicy:RolePolicy", "-deploy").urn);
    expect(build.dependencies).not.toContain(cluster.urn);
    for (const policy of ofType(resources, "aws:iam/rolePolicy:RolePolicy")) {
      expect(Object.values(policy.propertyDependencies).flat()).not.toContain(cluster.urn);
      const doc = JSON.parse(policy.inputs.policy);
      expect(JSON.stringify(doc)).not.toContain("*/*/*"); // no cluster-wide wildcards
    }
    const statements = JSON.parse(build.inputs.policy).Statement as { Action: string[] }[];
    expect(statements.flatMap((s) => s.Action)).toContain("ec2:DescribeSecurityGroups");
  });

  test("N1 + W4: its access entry waits for its role and the cluster, joins the deployer group and has no access policy", () => {
    const entry = ofType(resources, "aws:eks/accessEntry:AccessEntry")[0];
    const role = ofType(resources, "aws:iam/role:Role")[0];
    expect(entry.dependencies).toEqual(expect.arrayContaining([role.urn, ofType(resources, "aws:eks/cluster:Cluster")[0].urn]));
    expect(entry.inputs).toMatchObject({ principalArn: "arn:aws:iam::333333333333:role/hc-prod-deployer", kubernetesGroups: [DEPLOYER_GROUP], type: "STANDARD" });
    expect(ofType(resources, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation")).toHaveLength(0);
  });

  test("W4: it exports the no-override StartBuild policy for its callers, scoped to its project", async () => {
    const doc = JSON.parse(await new Promise<string>((resolve) => callerPolicy!.apply(resolve)));
    const project = ofType(resources, "aws:codebuild/project:Project")[0];
    expect(doc.Statement[0].Resource).toBe(project.outputs.arn);
    expect(doc.Statement.filter((s: { Effect: string }) => s.Effect === "Deny").length).toBeGreaterThanOrEqual(5);
  });

  test("W4: bootstrapClusterAdmin adds the cluster-admin association, after the entry", async () => {
    const boot = await record({ ...PROD, bootstrapClusterAdmin: true });
    const [assoc] = ofType(boot, "aws:eks/accessPolicyAssociation:AccessPolicyAssociation");
    expect(assoc.inputs.policyArn).toMatch(/AmazonEKSClusterAdminPolicy$/);
    expect(assoc.dependencies).toContain(ofType(boot, "aws:eks/accessEntry:AccessEntry")[0].urn);
  });

  test("B7: the ECR image is pulled with the service role, which holds ECR pull rights on that repository", () => {
    const project = ofType(resources, "aws:codebuild/project:Project")[0];
    expect(project.inputs.environment.imagePullCredentialsType).toBe("SERVICE_ROLE");
    const build = JSON.parse(byName(resources, "aws:iam/rolePolicy:RolePolicy", "-build").inputs.policy);
    const pull = build.Statement.find((s: { Sid: string }) => s.Sid === "ImagePull");
    expect(pull.Resource).toBe("arn:aws:ecr:eu-west-1:333333333333:repository/platform/pulumi-deployer");
  });

  test("B7/B8/W4: awskms secrets provider, pinned source version, embedded offline buildspec", () => {
    const project = ofType(resources, "aws:codebuild/project:Project")[0];
    const env = Object.fromEntries((project.inputs.environment.environmentVariables as { name: string; value: string }[]).map((v) => [v.name, v.value]));
    expect(env.PULUMI_SECRETS_PROVIDER).toBe("awskms://6f1c2d3e-4a5b-4c6d-8e9f-0a1b2c3d4e5f?region=eu-west-1");
    expect(project.inputs.sourceVersion).toBe(PROD.source.version);
    const spec = JSON.parse(project.inputs.source.buildspec);
    const commands: string[] = [...spec.phases.install.commands, ...spec.phases.build.commands];
    expect(commands).toContain("npm ci --offline --no-audit --no-fund");
    expect(commands.join("\n")).not.toMatch(/curl|get\.pulumi\.com/);
    expect(spec.env.variables).toMatchObject({ PULUMI_SKIP_UPDATE_CHECK: "true", PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true" });
  });

  test.each<[string, Partial<DeployerArgs>, RegExp]>([
    ["B8: a token ARN without its 6-character suffix", { backendUrl: "https://api.pulumi.com", accessTokenSecretArn: "arn:aws:secretsmanager:eu-west-1:333333333333:secret:pulumi-deployer-token" }, /args\.accessTokenSecretArn .*6-character suffix/],
    ["B7: an s3:// backend without a secrets-provider key", { secretsProviderKeyArn: undefined }, /args\.secretsProviderKeyArn is required/],
    ["B7: a private-only deployer on a curated image (no internet)", { image: undefined }, /args\.image must be an ECR image/],
    ["a KMS alias instead of a key ARN", { secretsProviderKeyArn: "arn:aws:kms:eu-west-1:333333333333:alias/pulumi" }, /args\.secretsProviderKeyArn .*not a KMS key ARN/],
  ])("rejects %s before registering anything", async (_, patch, message) => {
    await expect(record({ ...PROD, ...patch }, false)).rejects.toThrow(message);
  });
});

describe("the buildspec", () => {
  const online = JSON.parse(buildspec({ pulumiVersion: "3.248.0", programDir: "infra/in-cluster", policyPackConfig: "infra/in-cluster/stacks/policy-config.staging.json", install: "online", secretsProvider: false }));
  const offline = JSON.parse(buildspec({ pulumiVersion: "3.248.0", programDir: "infra/in-cluster", policyPackConfig: "infra/in-cluster/stacks/policy-config.prod.json", install: "offline", secretsProvider: true }));

  test("B5: pulumi up runs the pack with the in-cluster stack's generated pack config", () => {
    const up = offline.phases.build.commands.find((c: string) => c.startsWith("pulumi up"));
    expect(up).toContain('--policy-pack "$CODEBUILD_SRC_DIR/policy-pack"');
    expect(up).toContain('--policy-pack-config "$CODEBUILD_SRC_DIR/infra/in-cluster/stacks/policy-config.prod.json"');
  });

  test("B8: the stack is selected or created (with the KMS secrets provider) before up", () => {
    const commands: string[] = offline.phases.build.commands;
    const select = commands.findIndex((c) => c.startsWith('pulumi stack select --create "$PULUMI_STACK" --secrets-provider "$PULUMI_SECRETS_PROVIDER"'));
    expect(select).toBeGreaterThanOrEqual(0);
    expect(select).toBeLessThan(commands.findIndex((c) => c.startsWith("pulumi up")));
    expect(online.phases.build.commands).toContain('pulumi stack select --create "$PULUMI_STACK"');
  });

  test("online (NAT) installs the CLI and packages, pins Node.js 20, skips the update check and may fetch plugins", () => {
    expect(online.phases.install["runtime-versions"]).toEqual({ nodejs: 20 });
    expect(online.phases.install.commands[0]).toContain("--version 3.248.0");
    expect(online.env.variables.PULUMI_SKIP_UPDATE_CHECK).toBe("true");
    expect(online.env.variables.PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION).toBeUndefined();
  });
});
