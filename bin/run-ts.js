#!/usr/bin/env node
"use strict";
// Runs one TypeScript file through ts-node (transpile only): `node bin/run-ts.js bench/index.ts`.
const path = require("node:path");
require("./register-ts");
const file = process.argv[2];
if (!file) {
  process.stderr.write("usage: node bin/run-ts.js <file.ts> [args...]\n");
  process.exit(2);
}
process.argv.splice(1, 1);
require(path.resolve(file));
