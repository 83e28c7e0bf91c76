/**
 * Container image references (catalog §1.14, distribution `reference` grammar, simplified): registry,
 * repository, tag, digest; and registry glob matching for config `allowedRegistries`.
 */

/** Registry assumed when the first path segment is not a host (no `.`/`:` and not `localhost`). */
export const DEFAULT_REGISTRY = "docker.io";

/** A parsed image reference. */
export interface ImageReference {
  /** The reference as written. */
  readonly original: string;
  /** Registry host (with port), e.g. `123456789012.dkr.ecr.eu-west-1.amazonaws.com`, `localhost:5000`, `docker.io`. */
  readonly registry: string;
  /** Repository path inside the registry (`library/<name>` for official Docker Hub images). */
  readonly repository: string;
  /** Tag, when written (text after the last `:` that follows the last `/`, before any `@`). */
  readonly tag?: string;
  /** Digest, when written (text after `@`, e.g. `sha256:…`). */
  readonly digest?: string;
}

/** Parse an image reference. Never throws; an empty string yields an empty repository. */
export function parseImage(reference: string): ImageReference {
  const original = reference;
  const at = reference.indexOf("@");
  const digest = at >= 0 ? reference.slice(at + 1) : undefined;
  let name = at >= 0 ? reference.slice(0, at) : reference;
  let tag: string | undefined;
  const colon = name.lastIndexOf(":");
  if (colon > name.lastIndexOf("/")) {
    tag = name.slice(colon + 1);
    name = name.slice(0, colon);
  }
  const slash = name.indexOf("/");
  const first = slash >= 0 ? name.slice(0, slash) : "";
  const isHost = slash >= 0 && (first.includes(".") || first.includes(":") || first === "localhost");
  const registry = isHost ? first : DEFAULT_REGISTRY;
  let repository = isHost ? name.slice(slash + 1) : name;
  if (registry === DEFAULT_REGISTRY && repository !== "" && !repository.includes("/")) repository = `library/${repository}`;
  return { original, registry, repository, ...(tag !== undefined ? { tag } : {}), ...(digest !== undefined ? { digest } : {}) };
}

const SHA256_DIGEST = /^sha256:[a-f0-9]{64}$/;

/** True when the reference is pinned by a `sha256:` digest of 64 hex characters (IMG-003). */
export function isDigestPinned(image: ImageReference): boolean {
  return image.digest !== undefined && SHA256_DIGEST.test(image.digest);
}

/** True when the reference resolves to `latest`: no tag and no digest, or tag `latest` (IMG-002). */
export function isLatest(image: ImageReference): boolean {
  return image.tag === "latest" || (image.tag === undefined && image.digest === undefined);
}

/** Globs already compiled (the same few registry patterns are matched against every container image). */
const compiledGlobs = new Map<string, RegExp>();

/** Compile a registry glob: `*` matches one or more non-`/` characters; everything else is literal; case-insensitive. */
export function globToRegExp(glob: string): RegExp {
  let compiled = compiledGlobs.get(glob);
  if (compiled === undefined) {
    compiled = compileGlob(glob);
    compiledGlobs.set(glob, compiled);
  }
  return compiled;
}

function compileGlob(glob: string): RegExp {
  const body = glob
    .split("*")
    .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, "\\$&"))
    .join("[^/]+");
  return new RegExp(`^${body}$`, "i");
}

/**
 * True when the image's registry matches one of `patterns` (config `allowedRegistries`). A pattern containing `/`
 * is matched against `registry/repository` instead (e.g. `ghcr.io/my-org/*`).
 */
export function registryAllowed(image: ImageReference, patterns: readonly string[]): boolean {
  return patterns.some((pattern) => {
    const subject = pattern.includes("/") ? `${image.registry}/${image.repository}` : image.registry;
    return globToRegExp(pattern).test(subject);
  });
}
