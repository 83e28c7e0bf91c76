import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { runCli } from "../cli/run-cli";
import { validateApp } from "../../examples/team-stack/config";
import { irsaTrustPolicy } from "../../components";
import { podIdentityTrustPolicy } from "../../examples/team-stack/identity";
import { namespaceClashes, PLATFORM_OUTPUTS_READ, placementOn, type PoolsOutput } from "../../examples/team-stack/platform";
import { ecrImage, latestOf } from "../../examples/team-stack/workload";
import { PLATFORM_OUTPUTS_FILE, platformOutputsInChild, ROOT, TEAM_STACK } from "./platform-outputs";

// Integration tests of examples/team-stack: the real CLI previews it offline with the real pack.
/** The dev stack's pack config (the CLI loads `policy-config.<stack>.json` beside a named stack by default). */
const POLICY_CONFIG = path.join(TEAM_STACK, "policy-config.dev.json");
const committed = JSON.parse(fs.readFileSync(PLATFORM_OUTPUTS_FILE, "utf8")) as Record<string, any>;
const T = {
  deployment: "kubernetes:apps/v1:Deployment",
  serviceAccount: "kubernetes:core/v1:ServiceAccount",
  service: "kubernetes:core/v1:Service",
  role: "aws:iam/role:Role",
  association: "aws:eks/podIdentityAssociation:PodIdentityAssociation",
  namespace: "kubernetes:core/v1:Namespace",
} as const;

interface Report {
  readonly stack: string;
  readonly resources: { urn: string; type: string; name: string; inputs: Record<string, any> }[];
  readonly violations: { rule: string; level: string; urn: string }[];
}

/** Preview the team stack with `args` and read its JSON report. */
async function preview(stack: string, ...args: string[]): Promise<{ code: number; stderr: string; report?: Report }> {
  const json = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-team-")), "report.json");
  const run = await runCli(["preview", "--program", TEAM_STACK, "--stack", stack, "--quiet", "--json", json, ...args]);
  const report = fs.existsSync(json) ? (JSON.parse(fs.readFileSync(json, "utf8")) as Report) : undefined;
  return { code: run.code, stderr: run.stderr, report };
}

const only = (report: Report, type: string) => report.resources.filter((r) => r.type === type);
const ruleIds = (report: Report, level: string) => [...new Set(report.violations.filter((v) => v.level === level).map((v) => v.rule))].sort();

/** The dev stack file with `replace` applied, written to a temp file (a variant stack). */
function variantStack(name: string, from: string | RegExp, to: string): string {
  const text = fs.readFileSync(path.join(TEAM_STACK, "Pulumi.dev.yaml"), "utf8");
  const replaced = text.replace(from, to);
  expect(replaced).not.toBe(text);
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-team-")), `Pulumi.${name}.yaml`);
  fs.writeFileSync(file, replaced);
  return file;
}

describe("platform outputs the team stack reads offline", () => {
  it.concurrent("are exactly the platform dev stack's offline outputs (regenerate: node bin/run-ts.js test/examples/platform-outputs.ts)", async () => {
    expect(committed).toEqual(await platformOutputsInChild());
  });

  it("the bad stack's pack config is the dev stack's (it fails only for the planted weaknesses)", () => {
    expect(fs.readFileSync(path.join(TEAM_STACK, "policy-config.bad.json"), "utf8")).toBe(fs.readFileSync(POLICY_CONFIG, "utf8"));
  });

  it.each(PLATFORM_OUTPUTS_READ)("have %s", (key) => {
    expect(committed[key]).toBeDefined();
  });

  it("describe the pools the workload is placed on (sensitive pool labelled and tainted alike)", () => {
    const pools = committed.pools as PoolsOutput;
    expect(Object.keys(pools).sort()).toEqual(["general", "sensitive", "system"]);
    expect(pools.sensitive.labels["hardened-cluster.io/pool"]).toBe("sensitive");
    expect(pools.sensitive.taints).toContainEqual({ key: "hardened-cluster.io/pool", value: "sensitive", effect: "NO_SCHEDULE" });
    expect(typeof committed.kubeconfig).toBe("string");
    expect(JSON.parse(committed.kubeconfig).clusters[0].name).toBe(committed.clusterName);
  });
});

describe("team stack helpers", () => {
  it("placementOn selects the pool's labels and tolerates its taints in Kubernetes spelling", () => {
    expect(placementOn({ labels: { pool: "sensitive" }, taints: [{ key: "pool", value: "sensitive", effect: "NO_SCHEDULE" }], nodeGroupName: "ng" })).toEqual({
      nodeSelector: { pool: "sensitive" },
      tolerations: [{ key: "pool", operator: "Equal", value: "sensitive", effect: "NoSchedule" }],
    });
    expect(placementOn({ labels: { pool: "general" }, taints: [], nodeGroupName: "ng" }).tolerations).toEqual([]);
  });

  it("namespaceClashes lists the team's namespaces the platform already manages", () => {
    expect(namespaceClashes(["risk", "payments-dev"], ["payments-dev", "storefront-web"])).toEqual(["payments-dev"]);
    expect(namespaceClashes(["risk"], ["payments-dev"])).toEqual([]);
  });

  it("ecrImage pins tag and digest; latestOf drops both", () => {
    const image = ecrImage("111111111111", "eu-west-1", "risk/scoring", "1.4.2", `sha256:${"a".repeat(64)}`);
    expect(image).toBe(`111111111111.dkr.ecr.eu-west-1.amazonaws.com/risk/scoring:1.4.2@sha256:${"a".repeat(64)}`);
    expect(latestOf(image)).toBe("111111111111.dkr.ecr.eu-west-1.amazonaws.com/risk/scoring:latest");
  });

  it("trust policies: Pod Identity trusts pods.eks.amazonaws.com; IRSA one ServiceAccount of the OIDC issuer", () => {
    expect(JSON.parse(podIdentityTrustPolicy()).Statement[0]).toEqual({
      Effect: "Allow",
      Principal: { Service: "pods.eks.amazonaws.com" },
      Action: ["sts:AssumeRole", "sts:TagSession"],
    });
    const irsa = JSON.parse(irsaTrustPolicy("arn:oidc", "https://oidc.example/id/X", "risk", "scoring")).Statement[0];
    expect(irsa.Condition.StringEquals).toEqual({ "oidc.example/id/X:sub": "system:serviceaccount:risk:scoring", "oidc.example/id/X:aud": "sts.amazonaws.com" });
  });

  const app = { name: "scoring", namespace: "risk", repository: "risk/scoring", tag: "1.4.2", port: 8080, replicas: 2, parameterPath: "/risk/scoring" };
  it.each([
    [{ ...app, tag: "latest" }, /app\.tag: use an immutable semantic-version tag/],
    [{ ...app, namespace: "other" }, /app\.namespace: use one of the tenant's namespaces \(risk\)/],
    [{ ...app, port: 80 }, /app\.port: use an unprivileged port/],
    [{ ...app, digest: "sha256:abc" }, /app\.digest: use the pushed image's digest/],
    [{ ...app, name: "Scoring" }, /app\.name: use a DNS-1123 label/],
  ])("validateApp rejects %j naming the field", (raw, message) => {
    expect(() => validateApp(raw, ["risk"])).toThrow(message);
  });
});

describe("hardened-cluster preview --program examples/team-stack", () => {
  it.concurrent("dev previews clean (with its policy-config.dev.json) and places the workload on the sensitive pool", async () => {
    const { code, stderr, report } = await preview("dev");
    expect(stderr).toBe("");
    expect(report!.violations).toEqual([]);
    expect(code).toBe(0);

    const [deployment] = only(report!, T.deployment);
    const spec = deployment.inputs.spec.template.spec;
    const sensitive = (committed.pools as PoolsOutput).sensitive;
    expect(spec.nodeSelector).toEqual(sensitive.labels);
    expect(spec.tolerations).toEqual([{ key: "hardened-cluster.io/pool", operator: "Equal", value: "sensitive", effect: "NoSchedule" }]);
    expect(spec.serviceAccountName).toBe("scoring");
    expect(spec.containers[0].image).toMatch(/^111111111111\.dkr\.ecr\.eu-west-1\.amazonaws\.com\/risk\/scoring:1\.4\.2@sha256:[0-9a-f]{64}$/);
    expect(only(report!, T.service)[0].inputs.spec.type).toBe("ClusterIP");
    expect(only(report!, T.namespace).map((n) => n.inputs.metadata.labels["hardened-cluster.io/tier"])).toEqual(["sensitive"]);

    const [association] = only(report!, T.association);
    expect(association.inputs).toMatchObject({ clusterName: committed.clusterName, namespace: "risk", serviceAccount: "scoring" });
    const [role] = only(report!, T.role);
    expect(JSON.parse(role.inputs.assumeRolePolicy).Statement[0].Principal).toEqual({ Service: "pods.eks.amazonaws.com" });
  });

  it.concurrent("dev with an empty pack config fails only NP-003 (the platform stack's vpc-cni enforces the policies)", async () => {
    const empty = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "hc-team-")), "empty.json");
    fs.writeFileSync(empty, "{}");
    const { code, report } = await preview("dev", "--policy-config", empty);
    expect(code).toBe(1);
    expect(ruleIds(report!, "mandatory")).toEqual(["NP-003"]);
  });

  it.concurrent("bad (insecureWorkload: true) fails with the rule ids of each planted weakness", async () => {
    const { code, report } = await preview("bad");
    expect(code).toBe(1);
    expect(ruleIds(report!, "mandatory")).toEqual(["IMG-002", "NODE-006", "PSS-B03", "PSS-B05", "PSS-R01", "PSS-R02", "RBAC-003"]);
    expect(ruleIds(report!, "advisory")).toEqual(["IMG-003"]);
    const debugRole = report!.resources.find((r) => r.name === "scoring-debug")!;
    const deployment = only(report!, T.deployment)[0];
    for (const v of report!.violations) expect([deployment.urn, debugRole.urn]).toContain(v.urn);
    expect(report!.violations.find((v) => v.rule === "RBAC-003")!.urn).toBe(debugRole.urn);
  });

  it.concurrent("irsa: no Pod Identity association; the role trusts the platform's OIDC provider for one ServiceAccount", async () => {
    const { code, report } = await preview(variantStack("irsa", "identity: pod-identity", "identity: irsa"), "--policy-config", POLICY_CONFIG);
    expect(report!.violations).toEqual([]);
    expect(code).toBe(0);
    expect(only(report!, T.association)).toEqual([]);
    const trust = JSON.parse(only(report!, T.role)[0].inputs.assumeRolePolicy).Statement[0];
    expect(trust.Principal).toEqual({ Federated: committed.oidcProviderArn });
    expect(Object.values(trust.Condition.StringEquals)).toContain("system:serviceaccount:risk:scoring");
    expect(only(report!, T.serviceAccount)[0].inputs.metadata.annotations["eks.amazonaws.com/role-arn"]).toMatch(/^arn:aws:iam::\d{12}:role\//);
  });

  it.concurrent("a namespace the platform already manages is bad input (exit 2) naming the config key", async () => {
    const { code, stderr } = await preview(variantStack("clash", "namespaces: [risk]", "namespaces: [risk, payments-dev]"), "--policy-config", POLICY_CONFIG);
    expect(code).toBe(2);
    expect(stderr).toMatch(/team-risk:tenant\.namespaces: payments-dev already belong to a tenant of acme\/hardened-cluster\/dev/);
  });

  it.concurrent("type-checks with its own tsconfig", async () => {
    const result = await new Promise<{ code: number; out: string }>((resolve) => {
      execFile(process.execPath, [path.join(ROOT, "node_modules", "typescript", "bin", "tsc"), "-p", path.join(TEAM_STACK, "tsconfig.json")], { cwd: ROOT }, (error, stdout, stderr) =>
        resolve({ code: error ? 1 : 0, out: `${stdout}${stderr}` }),
      );
    });
    expect(result.out).toBe("");
    expect(result.code).toBe(0);
  });
});
