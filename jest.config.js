/**
 * Jest only transpiles, with swc (`@swc/jest`, native, one file at a time, no type information); `npm run
 * typecheck` (`tsc --noEmit`) type-checks the whole project once. ts-jest also only transpiled here (tsconfig's
 * `isolatedModules`), but loaded TypeScript into every worker and transpiled through it on a cold cache.
 *
 * The swc options mirror tsconfig.json: CommonJS with ES-module interop (`esModuleInterop`), ES2022 output
 * (class fields defined as in `tsc` with target ES2022), no decorators in this code base. Every file is a
 * module on its own (`isolatedModules` in tsconfig.json keeps the code transpilable file by file).
 */
const SWC = {
  $schema: "https://swc.rs/schema.json",
  jsc: {
    parser: { syntax: "typescript", tsx: false, decorators: false, dynamicImport: true },
    target: "es2022",
    keepClassNames: true,
  },
  module: { type: "commonjs", noInterop: false, strictMode: true },
  sourceMaps: "inline",
  swcrc: false,
};

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.ts$": ["@swc/jest", SWC] },
  // Importing the module that calls `new PolicyPack` starts a gRPC server and can exit the worker.
  moduleNameMapper: { "^(.*/)?policy-pack(/index)?$": "<rootDir>/test/support/forbidden-pack-import.ts" },
  // Jest's default is one worker per core minus one: a single worker on a 2-core runner, so the suites ran one
  // after the other (the suite-time sum of a full run equalled its wall time). Two workers use both cores.
  maxWorkers: 2,
  // CLI and program runs spawn processes; on a 2-core runner keep them from starving each other.
  maxConcurrency: 2,
  testTimeout: 180000,
};
