// ESLint: typescript-eslint's recommended type-checked rules, plus the Pulumi habits the
// README asks for (no floating promises, no resource created inside `apply`).
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/", "out/", "coverage/"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "no-restricted-syntax": [
        "error",
        {
          // A resource created inside `apply` is missing from `pulumi preview`: pass Outputs as inputs.
          selector: "CallExpression[callee.property.name='apply'] NewExpression:not([callee.name=/Error$/])",
          message:
            "Do not create resources inside apply(): they vanish from previews. Pass the Output as an input.",
        },
      ],
    },
  },
  {
    // Tests, the Pod Security check and the policy rules read manifests and provider inputs as loose
    // JSON on purpose: the assertion is the type check. Everywhere else `any` stays an error.
    files: ["tests/**/*.ts", "harness/pod-security.ts", "policy/rules.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-return": "off",
    },
  },
  { files: ["**/*.js", "**/*.mjs", "**/*.cjs"], ...tseslint.configs.disableTypeChecked },
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: { module: "writable", require: "readonly" } },
  },
  {
    // The launcher (cli/bundle.cjs): plain CommonJS for Node, loading esbuild and the bundle it made.
    files: ["**/*.cjs"],
    languageOptions: {
      sourceType: "commonjs",
      globals: { require: "readonly", process: "readonly", __dirname: "readonly", __filename: "readonly" },
    },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
);
