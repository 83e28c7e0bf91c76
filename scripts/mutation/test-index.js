"use strict";
/**
 * Which test files a Stryker mutant run needs (used by ./jest-runner.js; plain CommonJS because jest
 * requires a runner with Node's own `require`, untransformed).
 *
 * With `coverageAnalysis: perTest` Stryker runs a mutant with jest's `testNamePattern` set to the full
 * names of the tests that covered the mutant in the dry run, but jest still loads every test file of the
 * run and only skips the tests whose names do not match. This index remembers, per test file, the full
 * names of its tests (from every result jest reports, skipped tests included) so that a run with a
 * pattern loads only the files with at least one matching test. A file the index does not know yet (or
 * whose last run failed to load) is always kept, so a missing entry can cost time but never a kill.
 */

/**
 * Jest matches `testNamePattern` case-insensitively against a test's full name (describe titles and the
 * test title joined by spaces), as `new RegExp(pattern, "i")`.
 * @param {string | null | undefined} pattern
 * @returns {RegExp | undefined}
 */
function namePattern(pattern) {
  return pattern ? new RegExp(pattern, "i") : undefined;
}

/**
 * Record the full names of the tests of one file result; a result that failed to load (no test names) drops
 * the entry so the file is kept in later runs.
 * @param {Map<string, readonly string[]>} index test file path -> full test names
 * @param {string} testPath
 * @param {{ testExecError?: unknown, testResults: readonly { fullName: string }[] }} result
 */
function record(index, testPath, result) {
  if (result.testExecError || result.testResults.length === 0) index.delete(testPath);
  else index.set(testPath, result.testResults.map((t) => t.fullName));
}

/**
 * The tests of a run that can match the pattern: all of them without a pattern, else those whose file is
 * unknown to the index or has a test whose full name matches.
 * @template {{ path: string }} T
 * @param {readonly T[]} tests
 * @param {string | null | undefined} pattern
 * @param {ReadonlyMap<string, readonly string[]>} index
 * @returns {T[]}
 */
function select(tests, pattern, index) {
  const re = namePattern(pattern);
  if (!re) return [...tests];
  return tests.filter((t) => {
    const names = index.get(t.path);
    return names === undefined || names.some((n) => re.test(n));
  });
}

/**
 * Order for a mutant run that stops at the first failure: the files that ran fastest before first (a file not
 * timed yet last), so a killed mutant rarely waits for a slow property test. Jest's own order is the reverse
 * (slowest first, to balance workers).
 * @template {{ path: string }} T
 * @param {readonly T[]} tests
 * @param {ReadonlyMap<string, number>} durations test file path -> milliseconds of its last run
 * @returns {T[]}
 */
function fastestFirst(tests, durations) {
  const ms = (/** @type {T} */ t) => durations.get(t.path) ?? Number.POSITIVE_INFINITY;
  return [...tests].sort((a, b) => ms(a) - ms(b));
}

module.exports = { namePattern, record, select, fastestFirst };
