/** Compare `major.minor` Kubernetes versions numerically: true when `version >= minimum`. */
export function versionAtLeast(version: string, minimum: string): boolean {
  const [a, b] = version.split(".").map(Number);
  const [c, d] = minimum.split(".").map(Number);
  return a > c || (a === c && b >= d);
}
