/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  // The fault-injection tests (a failure at every write step, each on a fresh workbook) take a
  // few seconds alone and several times that on two busy cores; 5 s only catches the machine.
  testTimeout: 30_000,
  // Jest's default on two cores is one worker, which ran every suite one after another (602 s in
  // CI); the browser suites mostly wait on Chromium, so two workers keep both cores busy.
  maxWorkers: 2,
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } }, target: "es2020" } }],
  },
  // @noble/hashes ships ES modules only; let swc turn them into CommonJS like our own code.
  transformIgnorePatterns: ["/node_modules/(?!@noble/)"],
  // office-addin-mock imports office-addin-manifest, whose ESM-only dependencies break under jest.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js" },
};
