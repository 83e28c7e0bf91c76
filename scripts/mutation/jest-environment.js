"use strict";
/**
 * jest-environment-node that skips the remaining tests of a Stryker mutant run once one test has failed
 * (bail). Stryker needs one failing test to call a mutant killed, but its jest runner cannot bail (jest's
 * `bail` is ignored by `runCLI`), so a killed mutant used to run every covering test to the end.
 *
 * jest-circus dispatches `test_start` before it decides whether a test is skipped, and awaits the
 * environment's `handleTestEvent`, so setting the test's mode to "skip" there skips it. Stryker's own
 * environment (coverage per test, hit limits) wraps this one when it needs to.
 */
const { TestEnvironment } = require("jest-environment-node");
const { state } = require("./state");

class MutationEnvironment extends TestEnvironment {
  /**
   * @param {{ name: string, test?: { mode?: string } }} event
   */
  handleTestEvent(event) {
    if (!state.bailing()) return;
    if (event.name === "test_fn_failure" || event.name === "hook_failure") state.failed = true;
    else if (event.name === "test_start" && state.failed && event.test) event.test.mode = "skip";
  }
}

module.exports = MutationEnvironment;
