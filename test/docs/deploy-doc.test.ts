import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startBuildCallerPolicy } from "../../components/deployer/permissions";

const ROOT = join(__dirname, "..", "..");
const doc = readFileSync(join(ROOT, "docs", "deploy.md"), "utf8");
const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { version?: string }> };

describe("docs/deploy.md (first apply on a fresh account)", () => {
  test("is linked from the README and walks bootstrap → AWS stack → Deployer → end of bootstrap → node recycle → destroy", () => {
    expect(readFileSync(join(ROOT, "README.md"), "utf8")).toContain("](docs/deploy.md)");
    const order = ["## 1. Bootstrap", "## 2. The AWS stack", "## 3. The in-cluster stack", "## 4. End the bootstrap", "## 5. Recycle nodes", "## Destroy, in order", "## Checks that can only be done on a real account"];
    const at = order.map((h) => doc.indexOf(h));
    expect(at.every((i) => i >= 0)).toBe(true);
    expect([...at].sort((a, b) => a - b)).toEqual(at);
    expect(doc).toContain("aws codebuild start-build");
    expect(doc).toContain("aws eks describe-addon-versions");
  });

  test("the image recipe pins the plugin versions of package-lock.json (an offline build cannot fetch others)", () => {
    for (const [plugin, pkg] of [["aws", "@pulumi/aws"], ["kubernetes", "@pulumi/kubernetes"], ["tls", "@pulumi/tls"]]) {
      expect(doc).toContain(`pulumi plugin install resource ${plugin} ${lock.packages[`node_modules/${pkg}`].version}`);
    }
  });

  test("names every build override the recommended caller policy denies", () => {
    const keys = startBuildCallerPolicy("arn:aws:codebuild:eu-west-1:1:project/p")
      .Statement.filter((s) => s.Effect === "Deny")
      .flatMap((s) => Object.keys(s.Condition?.Null ?? {}));
    expect(keys.length).toBeGreaterThanOrEqual(5);
    for (const key of keys) expect(doc).toContain(`\`${key}\``);
  });
});
