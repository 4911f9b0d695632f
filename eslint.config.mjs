import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The one-door boundaries (docs/architecture.md), enforced here so a build fails when they break.
const FRAMEWORK = ["next", "next/*", "next-auth", "next-auth/*", "react", "react/*", "react-dom", "react-dom/*"];
const WRAPPERS = "^(member|enrolling|account|operator|portal|portalPin|pendingSignIn|public)(Action|Route)$";
const entryOnly = "Server actions and route handlers are built by the lib/entry pipeline: export const X = memberAction(...) / memberRoute(...) (see lib/entry/action.ts and lib/entry/route.ts).";

/** An actions or route file exports only what a lib/entry wrapper built (and types, and `allowed` values). */
const builtByThePipeline = (allowed = "") => [
  "ExportNamedDeclaration > FunctionDeclaration",
  "ExportDefaultDeclaration",
  "ExportNamedDeclaration[declaration=null][exportKind!='type']",
  "ExportAllDeclaration",
  "ExportNamedDeclaration > VariableDeclaration[kind!='const']",
  `ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > CallExpression.init[callee.name!=/${WRAPPERS}/]`,
  `ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[init.type!='CallExpression']${allowed ? `[init.type!='${allowed}']` : ""}`,
].map((selector) => ({ selector, message: entryOnly }));

const config = [
  ...next,
  ...nextTs,
  {
    // An argument a signature requires but a body does not read is named with a leading underscore.
    rules: { "@typescript-eslint/no-unused-vars": ["warn", { argsIgnorePattern: "^_" }] },
  },
  {
    ignores: [".next/**", "lib/generated/**", ".data/**", ".tmp/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    // Domain code runs in a plain Node process (jobs, scripts): no framework, and not the door either.
    files: ["lib/**/*.ts", "lib/**/*.tsx"],
    ignores: ["lib/entry/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: FRAMEWORK, message: "Only lib/entry may import next/*, next-auth or React: keep domain code framework-free and take what it needs as arguments." },
            { group: ["@/lib/entry", "@/lib/entry/*"], message: "Domain code does not call the door: take the actor and audit context as arguments." },
          ],
        },
      ],
    },
  },
  {
    // Routes, pages and components reach the database only through lib/ operations.
    files: ["app/**/*.ts", "app/**/*.tsx", "components/**/*.ts", "components/**/*.tsx"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/*", "@/lib/generated/*", "@/lib/vault/db", "@prisma/*", "pg"], message: "app/ and components/ do not touch the database: ask a lib/<domain> operation." },
          ],
        },
      ],
    },
  },
  // Only route segment settings (dynamic, runtime...) may be plain values, and only in route.ts.
  { files: ["app/**/route.ts"], rules: { "no-restricted-syntax": ["error", ...builtByThePipeline("Literal")] } },
  { files: ["app/**/*actions.ts"], rules: { "no-restricted-syntax": ["error", ...builtByThePipeline()] } },
];

export default config;
