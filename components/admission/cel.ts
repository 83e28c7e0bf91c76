/** Small helpers that write CEL source text safely (string literals, lists, glob → RE2 regex). */

/** A CEL string literal of `value` (JSON escapes are valid CEL escapes). */
export function celString(value: string): string {
  return JSON.stringify(value);
}

/** A CEL list literal of strings. */
export function celList(values: readonly string[]): string {
  return `[${values.map(celString).join(", ")}]`;
}

const REGEX_SPECIALS = /[\\^$.|?+()[\]{}]/g;

/**
 * RE2 regex text of one registry glob: `*` matches within one path segment (`[^/]*`), everything else literally.
 * `*.dkr.ecr.*.amazonaws.com` → `[^/]*\.dkr\.ecr\.[^/]*\.amazonaws\.com`.
 */
export function globToRegex(glob: string): string {
  return glob.replace(REGEX_SPECIALS, (c) => `\\${c}`).replace(/\*/g, "[^/]*");
}

/** Anchored regex that an image reference matches when its explicit registry is one of `globs`. */
export function registryRegex(globs: readonly string[]): string {
  if (globs.length === 0) return "^$.";
  return `^(${globs.map(globToRegex).join("|")})/`;
}

/** True when `globs` allow Docker Hub, so images without an explicit registry (`nginx:1.27`) are allowed. */
export function allowsDockerHub(globs: readonly string[]): boolean {
  return globs.some((g) => ["docker.io", "index.docker.io", "registry-1.docker.io"].some((host) => new RegExp(`^${globToRegex(g)}$`).test(host)));
}
