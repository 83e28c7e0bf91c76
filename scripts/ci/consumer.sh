#!/usr/bin/env bash
# The package as a team gets it (issue 18): build, `npm pack`, a fresh project with TypeScript 5 and the four
# peer packages at the LATEST version inside each peerDependencies range (the ranges are read from package.json;
# the main suite runs on the LOWEST of each range, the exact dev pins in devDependencies), the tarball installed,
# the documented team example (examples/team-stack) copied in as its README says, compiled with the project's
# own `tsc`, and `npx hardened-cluster preview` run there:
#   clean -> exit 0; a privileged Pod added to index.ts -> exit 1, and the SARIF result of that Pod has a
#   physical location in the team's index.ts at the line of `new k8s.core.v1.Pod`.
# Wall time: the peers install while the package builds (npm cache, --prefer-offline, only what the example
# needs); tsc and both previews run at once (the Pod variant is a second copy sharing the same node_modules).
set -uo pipefail
cd "$(dirname "$0")/../.."
repo_root=$PWD
started=$(date +%s)
work=$(mktemp -d)
# The temp project holds ~200 MB of node_modules: removed in the background so CI does not wait for it.
trap '(rm -rf "$work" &)' EXIT
lap=$started
step() {
  local now
  now=$(date +%s)
  echo "  (+$((now - lap))s) $*"
  lap=$now
}
fail() {
  echo "consumer test FAILED: $*" >&2
  exit 1
}
quiet=(--no-audit --no-fund --loglevel=error --prefer-offline)

# The peer ranges the package declares ("@pulumi/pulumi@^3.248.0" ...) and the newest release inside each, asked
# from the registry's metadata (a cached packument may predate it); the tarballs then come from the cache when there.
mapfile -t ranges < <(node -p 'Object.entries(require("./package.json").peerDependencies).map(([n, r]) => `${n}@${r}`).join("\n")')
[ "${#ranges[@]}" -eq 4 ] || fail "expected 4 peerDependencies in package.json, found ${#ranges[@]}"
peers=()
for range in "${ranges[@]}"; do
  name=${range%@*}
  latest=$(npm view "$range" version --json 2>"$work/view.log" | node -e '
    let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
      const key = (v) => v.split(".").map(Number);
      const all = [].concat(JSON.parse(s || "[]")).filter((v) => /^\d+\.\d+\.\d+$/.test(v));
      all.sort((a, b) => { const [x, y] = [key(a), key(b)]; return x[0] - y[0] || x[1] - y[1] || x[2] - y[2]; });
      process.stdout.write(all.at(-1) || "");
    });')
  [ -n "$latest" ] || { cat "$work/view.log" >&2; fail "npm view $range found no release in the peer range"; }
  peers+=("$name@$latest")
done
echo "peers (latest in range): ${peers[*]}"

# The team's project: the example folder as README "Run it for real" says (imports from the package, rootDir .).
team="$work/team"
cp -r examples/team-stack "$team"
rm -rf "$team/node_modules" "$team/package-lock.json"
printf '{ "name": "team-risk", "private": true }\n' >"$team/package.json"
sed -i -e 's#"\.\./\.\./components"#"hardened-cluster"#' -e 's#"\.\./\.\./policy-pack/baseline/pss"#"hardened-cluster"#' "$team"/*.ts
node -e 'const f=process.argv[1],c=require(f);c.compilerOptions.rootDir=".";require("fs").writeFileSync(f,JSON.stringify(c,null,2))' "$team/tsconfig.json"
if grep -n '\.\./\.\./' "$team"/*.ts; then fail "the team example still imports from the repository (above): update its README step 3 and this script"; fi

# TypeScript 5 and the peers install while the package builds.
(cd "$team" && npm install "${quiet[@]}" "typescript@5" "@types/node@20" "${peers[@]}") >"$work/install.log" 2>&1 &
install_pid=$!
npm run --silent build >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; fail "npm run build did not compile (output above)"; }
# --ignore-scripts: the build above already ran (prepack would build a second time).
tarball=$(npm pack --ignore-scripts --silent --pack-destination "$work" | tail -n 1)
[ -f "$work/$tarball" ] || fail "npm pack wrote no tarball in $work"
step "built and packed: $tarball ($(du -k "$work/$tarball" | cut -f1) kB)"
wait "$install_pid" || { tail -n 30 "$work/install.log" >&2; fail "npm install of typescript@5 and the peers (${peers[*]}) failed (log above)"; }
(cd "$team" && npm install "${quiet[@]}" "$work/$tarball") >"$work/install.log" 2>&1 || { tail -n 30 "$work/install.log" >&2; fail "npm install $tarball failed (log above)"; }
cd "$team" || fail "cannot enter $team"
installed=$(node -p 'const v=(n)=>require(n+"/package.json").version; ["hardened-cluster","typescript","@pulumi/pulumi","@pulumi/aws","@pulumi/kubernetes","@pulumi/tls"].map((n)=>n+"@"+v(n)).join(" ")')
step "installed: $installed"
copies=$(find -L node_modules -path '*/@pulumi/pulumi/package.json' 2>/dev/null | wc -l)
[ "$copies" -eq 1 ] || fail "$copies copies of @pulumi/pulumi installed (a peer dependency must dedupe to one): $(find node_modules -path '*/@pulumi/pulumi/package.json' | tr '\n' ' ')"

# The same program with a privileged Pod, in a second folder sharing node_modules (one @pulumi/pulumi).
bad="$work/team-privileged"
mkdir "$bad"
(cd "$team" && find . -maxdepth 1 -mindepth 1 ! -name node_modules -exec cp -r {} "$bad/" \;)
ln -s "$team/node_modules" "$bad/node_modules"
cat >>"$bad/index.ts" <<'TS'

/** A privileged Pod: the pack must reject it (PSS-B03). */
export const privileged = new k8s.core.v1.Pod("privileged", {
  metadata: { namespace: config.app.namespace },
  spec: { containers: [{ name: "debug", image: "busybox:1.36", securityContext: { privileged: true } }] },
}, { provider });
TS
pod_line=$(grep -n 'new k8s.core.v1.Pod("privileged"' "$bad/index.ts" | cut -d: -f1)

npx --no-install tsc -p tsconfig.json >"$work/tsc.log" 2>&1 &
tsc_pid=$!
npx --no-install hardened-cluster preview --stack dev --quiet >"$work/clean.log" 2>&1 &
clean_pid=$!
(cd "$bad" && npx --no-install hardened-cluster preview --stack dev --quiet --sarif "$work/out.sarif") >"$work/bad.log" 2>&1 &
bad_pid=$!
wait "$tsc_pid" || { cat "$work/tsc.log" >&2; fail "the team example does not compile with TypeScript 5 against the packed types (tsc output above)"; }
wait "$clean_pid"
code=$?
[ "$code" -eq 0 ] || { cat "$work/clean.log" >&2; fail "clean team stack: npx hardened-cluster preview exited $code, expected 0 (output above)"; }
wait "$bad_pid"
bad_code=$?
[ "$bad_code" -eq 1 ] || { cat "$work/bad.log" >&2; fail "privileged Pod: npx hardened-cluster preview exited $bad_code, expected 1 (output above)"; }
step "tsc clean; preview exit 0 ($(tail -n 1 "$work/clean.log")); with a privileged Pod exit 1 ($(tail -n 1 "$work/bad.log"))"

node -e '
const [file, line] = process.argv.slice(1);
const run = JSON.parse(require("fs").readFileSync(file, "utf8")).runs[0];
const at = run.results.filter((r) => r.ruleId === "PSS-B03").flatMap((r) => r.locations || [])
  .map((l) => l.physicalLocation || {}).map((p) => `${(p.artifactLocation || {}).uri}:${(p.region || {}).startLine}`);
if (!at.includes(`index.ts:${line}`)) {
  console.error(`consumer test FAILED: no PSS-B03 SARIF result located at index.ts:${line} (the team file); found: ${at.join(", ") || "no PSS-B03 result"}`);
  process.exit(1);
}
const version = require(process.argv[3]).version;
if (run.tool.driver.version !== version) {
  console.error(`consumer test FAILED: SARIF tool.driver.version is ${run.tool.driver.version}, expected the package version ${version}`);
  process.exit(1);
}
console.log(`SARIF: PSS-B03 located at index.ts:${line} (the team file); tool version ${version}`);
' "$work/out.sarif" "$pod_line" "$repo_root/package.json" || exit 1

echo "consumer test passed in $(($(date +%s) - started))s"
