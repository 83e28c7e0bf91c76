/**
 * Where the tool and its rules are documented, for SARIF `tool.driver.informationUri` and each rule's
 * `helpUri`: the package's own `homepage` (or `repository` URL) from package.json, and the rule's row of
 * the generated rules catalog `docs/rules.md` (each row carries an HTML anchor named after the rule id).
 */
import * as path from "node:path";
import { PACKAGE_ROOT } from "../../engine/package-root";

/** The HTML anchor of a rule's row in docs/rules.md: the rule id in lower case (`EKS-001` → `eks-001`). */
export function ruleAnchor(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9-]/g, "-");
}

/** The fields of package.json this module reads. */
export interface PackageMetadata {
  readonly version?: string;
  readonly homepage?: string;
  readonly repository?: string | { readonly url?: string };
}

function readPackage(): PackageMetadata {
  try {
    return require(path.join(PACKAGE_ROOT, "package.json")) as PackageMetadata;
  } catch {
    return {};
  }
}

/**
 * The project's web address: package.json `homepage`, else its `repository` URL, without `git+`, a trailing
 * `#readme` or `.git`; undefined when package.json names neither or the value is not an http(s) URL.
 */
export function projectHomepage(pkg: PackageMetadata = readPackage()): string | undefined {
  const repo = typeof pkg.repository === "string" ? pkg.repository : pkg.repository?.url;
  const url = (pkg.homepage ?? repo)?.replace(/^git\+/, "").replace(/#.*$/, "").replace(/\.git$/, "").replace(/\/+$/, "");
  return url && /^https?:\/\/[^\s/]+\/\S*$/.test(url) ? url : undefined;
}

/** The package version (package.json `version`), `0.0.0` when unreadable. */
export function projectVersion(pkg: PackageMetadata = readPackage()): string {
  return typeof pkg.version === "string" && pkg.version !== "" ? pkg.version : "0.0.0";
}

/** The docs/rules.md URL of a rule's row (`<homepage>/blob/main/docs/rules.md#<anchor>`); undefined without a homepage. */
export function ruleHelpUri(id: string, homepage: string | undefined = projectHomepage()): string | undefined {
  return homepage ? `${homepage}/blob/main/docs/rules.md#${ruleAnchor(id)}` : undefined;
}
