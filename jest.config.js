/** Jest: TypeScript through SWC (no type-checking here; `npm run typecheck` does that). */
const swc = [
  "@swc/jest",
  { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } },
];

module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: { "^.+\\.(t|j)sx?$": swc },
  // Every stack of the built-in catalog is run once, before the test files (tests/helpers/runs.ts).
  globalSetup: "<rootDir>/tests/global-setup.ts",
  globalTeardown: "<rootDir>/tests/global-teardown.ts",
  // The machines have 2 cores; jest would otherwise use one worker.
  maxWorkers: 2,
  testTimeout: 60000,
};
