#!/usr/bin/env node
"use strict";
// Entry point of the `hardened-cluster` command: runs cli/main.ts through ts-node (no build step).
require("./register-ts");
const { main } = require("../cli/main.ts");
main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`hardened-cluster: internal error: ${error && error.stack ? error.stack : error}\n`);
    process.exitCode = 4;
  },
);
