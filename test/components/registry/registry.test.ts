import { recordResources, type RecordedResource } from "../../../engine/record";
import { ECR_PULL_ACTIONS, ECR_PUSH_ACTIONS, Repository } from "../../../components/registry/repository";
import { TenantRegistry, registryHost } from "../../../components/registry/tenant-registry";
import { constructUnderMocks } from "../../support/rejects";

const KEY = "arn:aws:kms:eu-west-1:123456789012:key/registry";
const NODE_ROLE = "arn:aws:iam::123456789012:role/prod-eks-nodes";
const CI_ROLE = "arn:aws:iam::123456789012:role/ci-push";
const SCANNER = "arn:aws:iam::123456789012:role/scanner";
const ofType = (rs: RecordedResource[], type: string) => rs.filter((r) => r.type === type);

describe("TenantRegistry under mocks", () => {
  let rs: RecordedResource[];
  beforeAll(async () => {
    rs = await recordResources(() => {
      new TenantRegistry("tenant-images", {
        repositories: ["team-a/api", "team-b/worker"],
        kmsKeyArn: KEY,
        nodeRoleArns: [NODE_ROLE],
        ciPushPrincipalArns: [CI_ROLE],
        extraPullPrincipalArns: [SCANNER],
        untaggedExpiryDays: 3,
        keepImages: 30,
        enhancedScanning: true,
      });
    });
  });

  it("creates one hardened repository per name", () => {
    const repos = ofType(rs, "aws:ecr/repository:Repository");
    expect(repos.map((r) => r.inputs.name)).toEqual(["team-a/api", "team-b/worker"]);
    for (const r of repos) {
      expect(r.inputs).toMatchObject({
        imageScanningConfiguration: { scanOnPush: true },
        imageTagMutability: "IMMUTABLE",
        encryptionConfigurations: [{ encryptionType: "KMS", kmsKey: KEY }],
        forceDelete: false,
      });
    }
    expect(ofType(rs, "hardened-cluster:registry:Repository")).toHaveLength(2);
    expect(ofType(rs, "hardened-cluster:registry:TenantRegistry")).toHaveLength(1);
  });

  it("attaches a lifecycle policy that expires untagged images after N days and keeps the newest M ephemeral builds; release tags never expire (N9)", () => {
    const policies = ofType(rs, "aws:ecr/lifecyclePolicy:LifecyclePolicy");
    expect(policies.map((p) => p.inputs.repository)).toEqual(["team-a/api", "team-b/worker"]);
    const repoUrns = ofType(rs, "aws:ecr/repository:Repository").map((r) => r.urn);
    expect(policies.map((p) => p.propertyDependencies.repository[0])).toEqual(repoUrns);
    const rules = JSON.parse(policies[0].inputs.policy).rules;
    expect(rules).toEqual([
      { rulePriority: 1, description: "Expire untagged images 3 days after push", selection: { tagStatus: "untagged", countType: "sinceImagePushed", countUnit: "days", countNumber: 3 }, action: { type: "expire" } },
      {
        rulePriority: 2,
        description: "Keep the 30 newest ephemeral build images (pr-, dev-, ci-); release tags never expire",
        selection: { tagStatus: "tagged", tagPrefixList: ["pr-", "dev-", "ci-"], countType: "imageCountMoreThan", countNumber: 30 },
        action: { type: "expire" },
      },
    ]);
    // No rule may select every tag: a running workload's release tag (e.g. v1.4.2) must survive any count.
    for (const rule of rules) expect(rule.selection.tagStatus).not.toBe("any");
    expect(rules.filter((r: any) => r.selection.tagStatus === "tagged").every((r: any) => r.selection.tagPrefixList.length > 0)).toBe(true);
  });

  it("limits the repository policy to node/scanner pulls and CI pushes, denying push to everyone else", () => {
    const policy = ofType(rs, "aws:ecr/repositoryPolicy:RepositoryPolicy")[0];
    const bySid = Object.fromEntries(JSON.parse(policy.inputs.policy).Statement.map((s: any) => [s.Sid, s]));
    expect(bySid.NodesPull).toEqual({ Sid: "NodesPull", Effect: "Allow", Principal: { AWS: [NODE_ROLE, SCANNER] }, Action: [...ECR_PULL_ACTIONS] });
    expect(bySid.CiPush).toEqual({ Sid: "CiPush", Effect: "Allow", Principal: { AWS: [CI_ROLE] }, Action: [...ECR_PULL_ACTIONS, ...ECR_PUSH_ACTIONS] });
    expect(bySid.DenyPushExceptCi).toEqual({ Sid: "DenyPushExceptCi", Effect: "Deny", Principal: "*", Action: [...ECR_PUSH_ACTIONS], Condition: { ArnNotEquals: { "aws:PrincipalArn": [CI_ROLE] } } });
    expect(JSON.stringify(bySid)).not.toMatch(/"AWS":"\*"|ecr:\*/);
  });

  it("turns on continuous enhanced scanning when configured", () => {
    const scanning = ofType(rs, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration");
    expect(scanning).toHaveLength(1);
    expect(scanning[0].inputs).toEqual({ scanType: "ENHANCED", rules: [{ scanFrequency: "CONTINUOUS_SCAN", repositoryFilters: [{ filter: "*", filterType: "WILDCARD" }] }] });
  });

  it("leaves registry scanning alone by default and names the registry host", async () => {
    const plain = await recordResources(() => {
      new Repository("app", { kmsKeyArn: KEY, nodeRoleArns: [NODE_ROLE], ciPushPrincipalArns: [CI_ROLE] });
    });
    expect(ofType(plain, "aws:ecr/registryScanningConfiguration:RegistryScanningConfiguration")).toHaveLength(0);
    expect(JSON.parse(ofType(plain, "aws:ecr/lifecyclePolicy:LifecyclePolicy")[0].inputs.policy).rules.map((r: any) => r.selection.countNumber)).toEqual([7, 100]);
    expect(registryHost("123456789012", "eu-west-1")).toBe("123456789012.dkr.ecr.eu-west-1.amazonaws.com");
  });
});

describe("registry bad args fail before any resource registers", () => {
  const ok = { kmsKeyArn: KEY, nodeRoleArns: [NODE_ROLE], ciPushPrincipalArns: [CI_ROLE] };
  it.each<[string, () => unknown, RegExp]>([
    ["repository name", () => new Repository("Bad_Name!", ok), /Repository "Bad_Name!": args\.repositoryName .*Fix:/],
    ["AWS-managed key", () => new Repository("app", { ...ok, kmsKeyArn: "arn:aws:kms:eu-west-1:123456789012:alias/aws/ecr" }), /args\.kmsKeyArn/],
    ["missing key", () => new Repository("app", { ...ok, kmsKeyArn: undefined as unknown as string }), /args\.kmsKeyArn is missing/],
    ["no node role", () => new Repository("app", { ...ok, nodeRoleArns: [] }), /args\.nodeRoleArns is empty/],
    ["no CI role", () => new Repository("app", { ...ok, ciPushPrincipalArns: [] }), /args\.ciPushPrincipalArns is empty/],
    ["wildcard principal", () => new Repository("app", { ...ok, ciPushPrincipalArns: [CI_ROLE, "*"] }), /args\.ciPushPrincipalArns\[1\]/],
    ["expiry days", () => new Repository("app", { ...ok, untaggedExpiryDays: 0 }), /args\.untaggedExpiryDays/],
    ["keep images", () => new Repository("app", { ...ok, keepImages: 2.5 }), /args\.keepImages/],
    ["ephemeral prefixes empty", () => new Repository("app", { ...ok, ephemeralTagPrefixes: [] }), /args\.ephemeralTagPrefixes is empty/],
    ["ephemeral prefix not a tag start", () => new Repository("app", { ...ok, ephemeralTagPrefixes: ["-bad"] }), /args\.ephemeralTagPrefixes\[0\]/],
    ["no repositories", () => new TenantRegistry("reg", { ...ok, repositories: [] }), /TenantRegistry "reg": args\.repositories is empty/],
    ["duplicate repository", () => new TenantRegistry("reg", { ...ok, repositories: ["a/b", "a/b"] }), /args\.repositories\[1\] repeats/],
    ["second repository invalid", () => new TenantRegistry("reg", { ...ok, repositories: ["good", "BAD"] }), /Repository "reg\/BAD": args\.repositoryName/],
  ])("%s", async (_l, make, message) => {
    const { error, registered } = await constructUnderMocks(make);
    expect(String(error)).toMatch(message);
    expect(registered).toHaveLength(0);
  });
});
