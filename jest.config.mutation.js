/**
 * Jest config used by Stryker (`npm run mutation`): the repo config restricted to the policy-pack
 * unit tests and property tests, the suites that exercise `policy-pack/` rule logic directly.
 * The stack-config property test records whole platform programs (seconds per run) and only
 * checks the pack for false positives, so it is left to `npm test`.
 *
 * `MUTATION_TESTS=eks,preview-unknowns` narrows the run to test files whose base name is one of those
 * (`eks.test.ts`, `eks.property.test.ts`, …), for a quick local look at one family; `npm run mutation` does not
 * set it: every group runs with every file here, and the mutation runner (scripts/mutation/jest-runner.js)
 * loads for each mutant only the files holding a test that covered it.
 */
const base = require("./jest.config.js");

// Property tests run a fifth of their runs per mutant (test/property/support/pack.ts `runs()` reads this);
// `PROPERTY_SCALE=1 npm run mutation` for the full count.
process.env.PROPERTY_SCALE ??= "0.2";

const only = (process.env.MUTATION_TESTS ?? "").split(",").map((s) => s.trim()).filter(Boolean);

// Stryker's mutant runs go through scripts/mutation/jest-runner.js (load only the files holding a test the mutant's
// test-name pattern matches; stop at the first failing test) and scripts/mutation/jest-environment.js (skip the rest
// of a file after a failure). `MUTATION_RUNNER=jest` runs with jest's own runner and environment (for comparison).
const plainJest = process.env.MUTATION_RUNNER === "jest";

module.exports = {
  ...base,
  ...(plainJest ? {} : { runner: `${__dirname}/scripts/mutation/jest-runner.js`, testEnvironment: `${__dirname}/scripts/mutation/jest-environment.js` }),
  roots: ["<rootDir>/test/policy", "<rootDir>/test/property"],
  ...(only.length > 0 ? { testMatch: undefined, testRegex: `/(${only.join("|")})(\\.property)?\\.test\\.ts$` } : {}),
  testPathIgnorePatterns: ["/node_modules/", "/test/property/stack-config\\.property\\.test\\.ts$"],
};
