"use strict";
// Development repository only (ts-node and typescript are dev dependencies; the published package runs
// the compiled dist/). Runs the TypeScript sources without a build step: ts-node in transpile-only mode (module commonjs;
// `ignoreDeprecations` only where the loaded TypeScript is 6 or newer).
//
// ts-node transpiles every .ts file on every start (about 130 files for the CLI or the pack), which
// dominated start-up. So the transpiled output is also kept in node_modules/.cache/hardened-cluster-ts,
// keyed by file path + content + TypeScript version + options; a warm start loads neither ts-node nor
// TypeScript. Set HARDENED_CLUSTER_TS_CACHE=0 to bypass the cache.
const crypto = require("node:crypto");
const fs = require("node:fs");
const path = require("node:path");

/**
 * The TypeScript ts-node runs with: the one beside ts-node (this repository's), not whatever the working
 * directory resolves (a program folder under preview may hold its own, of another version).
 */
function ownTypescript() {
  try {
    const tsNodeDir = path.dirname(require.resolve("ts-node/package.json"));
    const tsPackage = require.resolve("typescript/package.json", { paths: [tsNodeDir] });
    return { dir: path.dirname(tsPackage), major: Number(require(tsPackage).version.split(".")[0]) };
  } catch {
    return { dir: "typescript", major: 0 };
  }
}
const TYPESCRIPT = ownTypescript();

// `ignoreDeprecations: "6.0"` is required by TypeScript 6 for the options below and rejected by
// TypeScript 5 ("Invalid value for '--ignoreDeprecations'"), so it is only set where it is understood.
const DEPRECATIONS = TYPESCRIPT.major >= 6 ? { ignoreDeprecations: "6.0" } : {};

const OPTIONS = {
  transpileOnly: true,
  compiler: TYPESCRIPT.dir,
  // Our own settings, whatever tsconfig the program being previewed has.
  skipProject: true,
  // Transpile this package even when it is installed under node_modules (a team that installed hardened-cluster).
  ignore: ["(?:^|/)node_modules/(?!hardened-cluster/)"],
  compilerOptions: { module: "commonjs", target: "ES2022", esModuleInterop: true, ...DEPRECATIONS },
};
const CACHE_DIR = path.join(__dirname, "..", "node_modules", ".cache", "hardened-cluster-ts");
const USE_CACHE = process.env.HARDENED_CLUSTER_TS_CACHE !== "0";

let tsNodeHook;
/** ts-node's `.ts` handler, registered on first need. */
function tsNode() {
  if (!tsNodeHook) {
    // ts-node falls back to the handler it finds (for the file read); that must be Node's own loader.
    delete require.extensions[".ts"];
    require("ts-node").register(OPTIONS);
    tsNodeHook = require.extensions[".ts"];
    if (USE_CACHE) require.extensions[".ts"] = cachedHook;
  }
  return tsNodeHook;
}

let versionKey;
function cacheKey(filename, source) {
  if (versionKey === undefined) {
    let tsVersion = "unknown";
    try {
      tsVersion = require(path.join(TYPESCRIPT.dir, "package.json")).version;
    } catch {
      // keep "unknown"
    }
    versionKey = `${tsVersion}|${JSON.stringify(OPTIONS)}|1`;
  }
  return crypto.createHash("sha1").update(versionKey).update("\0").update(filename).update("\0").update(source).digest("hex");
}

function cachedHook(module, filename) {
  if (filename.includes(`${path.sep}node_modules${path.sep}`)) return tsNode()(module, filename);
  const cacheFile = path.join(CACHE_DIR, `${cacheKey(filename, fs.readFileSync(filename, "utf8"))}.js`);
  let cached;
  try {
    cached = fs.readFileSync(cacheFile, "utf8");
  } catch {
    cached = undefined;
  }
  if (cached !== undefined) return module._compile(cached, filename);
  const compile = module._compile;
  module._compile = function (code, file) {
    module._compile = compile;
    try {
      fs.mkdirSync(CACHE_DIR, { recursive: true });
      const tmp = `${cacheFile}.${process.pid}.tmp`;
      fs.writeFileSync(tmp, code);
      fs.renameSync(tmp, cacheFile);
    } catch {
      // A read-only checkout just runs without the cache.
    }
    return compile.call(this, code, file);
  };
  return tsNode()(module, filename);
}

if (USE_CACHE) {
  // Cached output carries ts-node's inline source maps; let Node apply them to stack traces.
  process.setSourceMapsEnabled?.(true);
  require.extensions[".ts"] = cachedHook;
} else {
  tsNode();
}
