import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { parseCommandLine } from "../../cli/args";

const ROOT = join(__dirname, "..", "..");
const readme = readFileSync(join(ROOT, "README.md"), "utf8");
const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: Record<string, string> };

describe("README", () => {
  it("starts with the two set-up commands, and they exist", () => {
    const setup = readme.slice(readme.indexOf("## Set-up"), readme.indexOf("## Architecture"));
    expect(setup).toContain("npm ci && npm start");
    expect(setup).toContain("npm ci && npm test");
    expect(pkg.scripts.start).toBe("node bin/hardened-cluster.js preview --stack dev");
    expect(pkg.scripts.test).toBe("jest");
  });

  it("mentions only npm scripts that exist", () => {
    const scripts = [...readme.matchAll(/npm run ([a-z-]+)/g)].map((m) => m[1]);
    expect(scripts.length).toBeGreaterThan(0);
    for (const script of scripts) expect(Object.keys(pkg.scripts)).toContain(script);
  });

  it("links only files that exist", () => {
    const links = [...readme.matchAll(/\]\(((?!https?:)[^)#]+)\)/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(3);
    for (const link of links) expect(existsSync(join(ROOT, link))).toBe(true);
  });

  it("shows hardened-cluster command lines the CLI accepts", () => {
    const lines = [...readme.matchAll(/node bin\/hardened-cluster\.js ([^\n#]+)/g)].map((m) => m[1].trim());
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(() => parseCommandLine(line.split(/\s+/))).not.toThrow();
  });
});
