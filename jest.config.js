/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/test"],
  testMatch: ["**/*.test.ts", "**/*.test.tsx"],
  transform: {
    "^.+\\.(t|j)sx?$": ["@swc/jest", { jsc: { parser: { syntax: "typescript", tsx: true }, transform: { react: { runtime: "automatic" } }, target: "es2020" } }],
  },
  // @noble/hashes ships ES modules only; let swc turn them into CommonJS like our own code.
  transformIgnorePatterns: ["/node_modules/(?!@noble/)"],
  // office-addin-mock imports office-addin-manifest, whose ESM-only dependencies break under jest.
  moduleNameMapper: { "^office-addin-manifest$": "<rootDir>/test/support/office-addin-manifest-stub.js" },
};
