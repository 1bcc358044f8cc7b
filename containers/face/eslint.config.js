// Lint config for the face service (ESLint ≥ 10 picks the config nearest to each file, so the
// repository's `npm run lint` uses this one here). Plain Node ESM, no TypeScript.
import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import globals from "globals";

export default defineConfig(
  globalIgnores(["node_modules/"]),
  js.configs.recommended,
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: globals.node, sourceType: "module" },
  },
);
