"use strict";
/**
 * State shared by ./jest-runner.js and ./jest-environment.js inside one Stryker test-runner process (jest
 * runs in band there, and both modules are loaded with Node's `require`, so this module is one instance).
 */

/** Stryker sets this variable to the id of the active mutant for a mutant run (absent in the dry run). */
const ACTIVE_MUTANT = "__STRYKER_ACTIVE_MUTANT__";

const state = {
  /** A test failed in the current mutant run: the remaining tests and files are skipped (bail). */
  failed: false,
  /** Test file path -> full names of its tests (see ./test-index.js). */
  index: new Map(),
  /** Test file path -> milliseconds its last run took (see ./test-index.js `fastestFirst`). */
  durations: new Map(),
  /**
   * Bail on the first failing test of a mutant run. Off in the dry run (Stryker needs every test's
   * coverage) and with `MUTATION_BAIL=0`.
   * @returns {boolean}
   */
  bailing() {
    return Boolean(process.env[ACTIVE_MUTANT]) && process.env.MUTATION_BAIL !== "0";
  },
};

module.exports = { state, ACTIVE_MUTANT };
