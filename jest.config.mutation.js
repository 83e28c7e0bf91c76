/**
 * Jest config used by Stryker (`npm run mutation`): the repo config restricted to the policy-pack
 * unit tests and property tests, the suites that exercise `policy-pack/` rule logic directly.
 * The stack-config property test records whole platform programs (seconds per run) and only
 * checks the pack for false positives, so it is left to `npm test`.
 */
const base = require("./jest.config.js");

module.exports = {
  ...base,
  roots: ["<rootDir>/test/policy", "<rootDir>/test/property"],
  testPathIgnorePatterns: ["/node_modules/", "/test/property/stack-config\\.property\\.test\\.ts$"],
};
