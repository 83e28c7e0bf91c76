import * as fs from "node:fs";
import * as path from "node:path";
import { apiEntries, apiReport } from "../../scripts/api-report";

const ROOT = path.resolve(__dirname, "..", "..");

/** Markdown and TypeScript files a team reads: README, docs/, examples/ (no node_modules). */
function docFiles(): string[] {
  const out = [path.join(ROOT, "README.md")];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/\.(md|ts)$/.test(entry.name)) out.push(full);
    }
  };
  walk(path.join(ROOT, "docs"));
  walk(path.join(ROOT, "examples"));
  return out;
}

/** Names imported from "hardened-cluster" in a text (`import { A, type B } from "hardened-cluster"`). */
export function importedNames(text: string): string[] {
  const names: string[] = [];
  for (const match of text.matchAll(/import\s+(?:type\s+)?\{([^}]*)\}\s+from\s+["']hardened-cluster["']/g)) {
    for (const part of match[1].split(",")) {
      const name = part.trim().replace(/^type\s+/, "").split(/\s+as\s+/)[0].trim();
      if (name) names.push(name);
    }
  }
  return names;
}

describe("public API", () => {
  const entries = apiEntries();
  const exported = new Set(entries.map((e) => e.name));

  it("docs/api.md is the report of the current entry (regenerate with npm run api-report)", () => {
    expect(fs.readFileSync(path.join(ROOT, "docs", "api.md"), "utf8")).toBe(apiReport(entries));
  });

  it("every name the README, docs and examples import from the package is exported", () => {
    const imported = docFiles().flatMap((file) => importedNames(fs.readFileSync(file, "utf8")).map((name) => ({ file: path.relative(ROOT, file), name })));
    expect(imported.length).toBeGreaterThan(3);
    expect(imported.filter((i) => !exported.has(i.name))).toEqual([]);
  });

  it("the import scanner finds names, including type-only and renamed ones", () => {
    expect(importedNames('import { A, type B, C as D } from "hardened-cluster";\nimport { E } from "other";')).toEqual(["A", "B", "C"]);
  });

  it("exports the Pod Security contexts the team example documents", () => {
    expect(exported.has("RESTRICTED_POD_SECURITY_CONTEXT")).toBe(true);
    expect(exported.has("RESTRICTED_CONTAINER_SECURITY_CONTEXT")).toBe(true);
  });
});
