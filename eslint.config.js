import js from "@eslint/js";
import { defineConfig, globalIgnores } from "eslint/config";
import { createNodeResolver, importX } from "eslint-plugin-import-x";
import globals from "globals";
import tseslint from "typescript-eslint";

const SHARED = ["http", "db", "crypto", "sessions", "locking", "audit", "stores", "users", "attempts"];
const CAPABILITIES = ["totp", "passcodes", "passkeys", "face", "appkeys", "push"];

export default defineConfig(
  globalIgnores(["node_modules/", "**/.wrangler/", "dist/", "public/docs/vendor/", "migrations/", "bench/results/"]),
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    files: ["**/*.ts"],
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    // The architecture, checked: no import cycles, and the shared folders never import a capability.
    files: ["src/**/*.ts"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".js", ".json"] })],
      "import-x/extensions": [".ts", ".js"],
      "import-x/parsers": { "@typescript-eslint/parser": [".ts"] },
    },
    rules: {
      "import-x/no-cycle": "error",
      "import-x/no-restricted-paths": [
        "error",
        {
          zones: [
            {
              target: SHARED.map((folder) => `./src/${folder}`),
              from: CAPABILITIES.map((folder) => `./src/${folder}`),
              message: "A shared folder imports no capability: take what it needs as an argument (see src/capability.ts).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["test/**/*.ts"],
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
    },
  },
  {
    files: ["scripts/**/*.{js,mjs}", "bench/**/*.{js,mjs}", "test/peers/**/*.mjs", "*.config.{js,mjs}"],
    languageOptions: { globals: globals.node },
  },
);
