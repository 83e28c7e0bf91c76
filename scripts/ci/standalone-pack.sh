#!/usr/bin/env bash
# The policy pack as `pulumi policy publish` ships it: policy-pack/ copied alone, installed from its own
# lockfile (`npm ci`), then run on the dev stack. Its verdicts must equal the in-repo pack's.
set -euo pipefail
cd "$(dirname "$0")/../.."
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -r policy-pack "$work/policy-pack"
rm -rf "$work/policy-pack/node_modules"
(cd "$work/policy-pack" && npm ci --no-audit --no-fund --loglevel=error)
# A relative import that leaves the folder would fail to resolve in the copy. The dev stack is clean, so both
# runs must exit 0; the in-repo pack config is passed to both (another pack's own config is not loaded).
node bin/hardened-cluster.js preview --stack dev --quiet --json "$work/in-repo.json"
node bin/hardened-cluster.js preview --stack dev --quiet --policy-pack "$work/policy-pack" --policy-config stacks/policy-config.dev.json --json "$work/alone.json"
node -e '
const [a, b] = process.argv.slice(1).map((f) => require(f));
const key = (r) => r.violations.map((v) => `${v.rule} ${v.level} ${v.urn}`).sort().join("\n");
if (a.resources.length !== b.resources.length || key(a) !== key(b)) {
  console.error(`standalone pack differs: ${a.resources.length}/${a.violations.length} in repo vs ${b.resources.length}/${b.violations.length} alone`);
  process.exit(1);
}
console.log(`standalone pack: same verdicts on dev (${a.resources.length} resources, ${a.violations.length} findings)`);
' "$work/in-repo.json" "$work/alone.json"
