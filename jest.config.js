/** Jest only transpiles (isolatedModules); `npm run typecheck` type-checks once. */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { tsconfig: "tsconfig.json", diagnostics: false }] },
  // Importing the module that calls `new PolicyPack` starts a gRPC server and can exit the worker.
  moduleNameMapper: { "^(.*/)?policy-pack(/index)?$": "<rootDir>/test/support/forbidden-pack-import.ts" },
  // CLI and program runs spawn processes; on a 2-core runner keep them from starving each other.
  maxConcurrency: 2,
  testTimeout: 180000,
};
