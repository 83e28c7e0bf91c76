import * as fs from "node:fs";
import * as path from "node:path";
import { parse } from "yaml";
import { SIGNER_TRUST_STORE } from "../../policy-pack/baseline/signing";
import { trustPolicySpec } from "../../components/signing/objects";

/** examples/ci/sign-images.yml signs the way the cluster verifies (docs/signing.md). */
const workflow = parse(fs.readFileSync(path.join(__dirname, "..", "..", "examples", "ci", "sign-images.yml"), "utf8"));
const steps: { name?: string; run?: string; uses?: string }[] = workflow.jobs["build-push-sign"].steps;
const run = (pattern: RegExp) => steps.find((s) => s.name && pattern.test(s.name))?.run ?? "";

describe("the CI signing example", () => {
  test("signs the pushed digest with the AWS Signer plugin and the environment's profile ARN", () => {
    const sign = run(/^Sign/);
    expect(sign).toMatch(/notation sign "\$\{\{ steps\.push\.outputs\.image \}\}"/);
    expect(sign).toContain('--plugin "com.amazonaws.signer.notation.plugin"');
    expect(sign).toContain('--id "$SIGNING_PROFILE_ARN"');
    expect(run(/^Build and push/)).toMatch(/image=\$REPOSITORY_URL@\$digest/);
  });

  test("pins the installer by checksum and assumes the CI role through OIDC", () => {
    expect(run(/^Install/)).toMatch(/sha256sum -c/);
    expect(workflow.permissions["id-token"]).toBe("write");
    expect(steps.some((s) => s.uses?.startsWith("aws-actions/configure-aws-credentials@"))).toBe(true);
  });

  test("verifies with the cluster's trust policy shape: strict, the AWS Signer store, only the profile", () => {
    const verify = run(/^Verify/);
    const json = JSON.parse(/cat > trustpolicy\.json <<JSON\n([\s\S]*?)\nJSON/.exec(verify)![1].replace(/\$REPOSITORY_URL/g, "r").replace(/\$SIGNING_PROFILE_ARN/g, "p"));
    const cluster = trustPolicySpec("ns", ["p"], ["r"]) as { trustPolicies: Record<string, unknown>[] };
    const { name: _ci, ...ciStatement } = json.trustPolicies[0];
    const { name: _cluster, ...clusterStatement } = cluster.trustPolicies[0];
    expect(ciStatement).toEqual(clusterStatement);
    expect(ciStatement.trustStores).toEqual([`signingAuthority:${SIGNER_TRUST_STORE}`]);
    expect(verify).toMatch(/notation verify "\$\{\{ steps\.push\.outputs\.image \}\}"/);
  });
});
