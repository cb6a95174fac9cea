// ESLint flat configuration: `npm run lint`, run by `npm test` after the type-check.
// typescript-eslint's recommended rules (syntax only: the native `tsc` has no JavaScript API for typed
// linting) and eslint-plugin-regexp's recommended set, with super-linear backtracking and moves as
// errors: a regular expression that meets request data must run in time linear in its input.
import js from "@eslint/js";
import regexp from "eslint-plugin-regexp";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["dist/", "node_modules/", ".softhsm/", "coverage/"] },
  {
    files: ["**/*.{ts,js,mjs}"],
    extends: [js.configs.recommended, tseslint.configs.recommended, regexp.configs["flat/recommended"]],
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { console: "readonly", process: "readonly", Buffer: "readonly", URL: "readonly" },
    },
    rules: {
      "regexp/no-super-linear-backtracking": "error",
      "regexp/no-super-linear-move": "error",
      // Control characters are this domain's data: the 2D-DOC separators GS/RS/US and the bytes we refuse.
      "no-control-regex": "off",
      // `_`-prefixed: parameters a signature requires (express's four-argument error handler) and rest-sibling
      // omissions are deliberate.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },
  {
    files: ["test/**/*.ts"],
    // Tests mutate parsed JSON fixtures (chart values, DCC payloads) field by field to build refusals.
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
