/** Jest: TypeScript through SWC (no type-checking here; `npm run typecheck` does that). */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/tests"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.(t|j)sx?$": [
      "@swc/jest",
      { jsc: { target: "es2022", parser: { syntax: "typescript" } }, module: { type: "commonjs" } },
    ],
  },
  // kubernetes-models ships ES modules only: resolve their "import" files and let SWC turn them
  // into CommonJS too.
  resolver: "<rootDir>/tests/jest-resolver.js",
  transformIgnorePatterns: ["/node_modules/(?!(kubernetes-models|@kubernetes-models|is-cidr|cidr-regex)/)"],
  testTimeout: 60000,
};
