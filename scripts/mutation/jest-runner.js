"use strict";
/**
 * Jest test runner for Stryker mutant runs (`jest.config.mutation.js` sets `runner` to this file).
 *
 * - Loads only the test files that hold a test the mutant's `testNamePattern` can match (./test-index.js):
 *   jest itself would load every file of the run and skip the non-matching tests, which was most of a
 *   mutant's time.
 * - Bails: in a mutant run, the files run one after the other, fastest first, and the run stops at the first
 *   file with a failing test (./jest-environment.js skips the rest of that file).
 *
 * Without a pattern (dry run, `npx jest -c jest.config.mutation.js`) it runs every file, as jest does.
 * `MUTATION_RUNNER_LOG=<file>` appends one line per run: files selected / total, files run, failure, milliseconds,
 * start time, and each file run with its milliseconds.
 */
const { appendFileSync } = require("node:fs");
const TestRunner = require("jest-runner").default;
const { fastestFirst, record, select } = require("./test-index");
const { state } = require("./state");

class MutationTestRunner extends TestRunner {
  /**
   * @param {any[]} tests
   * @param {any} watcher
   * @param {{ serial: boolean }} options
   */
  async runTests(tests, watcher, options) {
    const started = Date.now();
    const pattern = this._globalConfig.testNamePattern;
    const selected = select(tests, pattern, state.index);
    state.failed = false;
    let files = 0;
    /** @type {string[]} */
    const timed = [];
    /** @type {number[]} wall milliseconds of each file run in a bailing run (perfStats leave out jest's set-up). */
    const walls = [];
    const offSuccess = this.on("test-file-success", ([test, result]) => {
      files++;
      timed.push(`${test.path.split("/").slice(-2).join("/")}:${result.perfStats.end - result.perfStats.start}`);
      record(state.index, test.path, result);
      state.durations.set(test.path, result.perfStats.end - result.perfStats.start);
      if (result.numFailingTests > 0 || result.testExecError) state.failed = true;
    });
    const offFailure = this.on("test-file-failure", ([test]) => {
      files++;
      state.index.delete(test.path);
      state.failed = true;
    });
    try {
      if (!state.bailing() || !options.serial) await super.runTests(selected, watcher, options);
      else {
        for (const test of fastestFirst(selected, state.durations)) {
          if (state.failed) break;
          const t0 = Date.now();
          await super.runTests([test], watcher, options);
          walls.push(Date.now() - t0);
        }
      }
    } finally {
      offSuccess();
      offFailure();
      const log = process.env.MUTATION_RUNNER_LOG;
      if (log) {
        const mutant = process.env.__STRYKER_ACTIVE_MUTANT__ ?? "dry";
        appendFileSync(log, `${process.pid} mutant=${mutant} selected=${selected.length}/${tests.length} ran=${files} failed=${state.failed} ms=${Date.now() - started} start=${started} files=${timed.join(",")} walls=${walls.join(",")}\n`);
      }
    }
  }
}

module.exports = MutationTestRunner;
