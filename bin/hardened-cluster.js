#!/usr/bin/env node
"use strict";
// Entry point of the `hardened-cluster` command.
//   - Published package (no TypeScript sources of the CLI beside it): runs the compiled dist/cli/main.js;
//     no TypeScript compiler is loaded for the package's own code.
//   - Development repository (cli/main.ts present): runs the sources through ts-node (bin/register-ts.js,
//     a dev dependency), so there is no build step and never a stale dist/. HARDENED_CLUSTER_DIST=1 runs the
//     compiled dist/ there instead (after `npm run build`).
const fs = require("node:fs");
const path = require("node:path");

// Checked before anything else loads: on an old Node the modules below may not even parse.
const MIN_NODE_MAJOR = 20;
const nodeMajor = Number.parseInt(process.versions.node, 10);
if (!(nodeMajor >= MIN_NODE_MAJOR)) {
  process.stderr.write(
    `hardened-cluster: Node.js ${process.versions.node} is not supported: hardened-cluster needs Node.js ${MIN_NODE_MAJOR} or newer (engines.node); install a current LTS release (e.g. nvm install 22)\n`,
  );
  process.exit(2);
}

const root = path.join(__dirname, "..");
const compiled = path.join(root, "dist", "cli", "main.js");
const sources = path.join(root, "cli", "main.ts");
const useDist = fs.existsSync(compiled) && (!fs.existsSync(sources) || process.env.HARDENED_CLUSTER_DIST === "1");
let main;
if (useDist) {
  ({ main } = require(compiled));
} else {
  require("./register-ts");
  ({ main } = require(sources));
}
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`hardened-cluster: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 4;
  },
);
