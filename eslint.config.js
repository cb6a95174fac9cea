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
    },
  },
);
