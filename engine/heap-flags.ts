/**
 * V8 heap flags of the processes that hold a whole preview: the language host (the recorder keeps every
 * registered resource) and the policy-pack process (every request of `analyzeStack`). Both allocate many
 * short-lived objects per resource while their live heap grows with the stack; with Node's default 16 MB
 * semi-space those objects are promoted and then traced again by every major GC, which made a 1,000-tenant
 * preview superlinear. A 64 MB semi-space keeps them young: measured with `npm run bench -- --only preview
 * --tenants 100,1000` (bench/README.md), 1,000 tenants 295 → 218 s and the 1,000/100 ratio 13.1 → 11.2, for
 * at most ~200 MB more young-generation memory per process.
 */

/** Young-generation size (MB per semi-space) of the engine's child processes. */
export const SEMI_SPACE_MB = 64;

/** `node` flags for an engine child process that holds a whole preview. */
export function previewHeapFlags(): string[] {
  return [`--max-semi-space-size=${SEMI_SPACE_MB}`];
}
