import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

// The one-door boundaries (docs/architecture.md), enforced here so a build fails when they break.
const FRAMEWORK = ["next", "next/*", "next-auth", "next-auth/*", "react", "react/*", "react-dom", "react-dom/*"];
const WRAPPERS = "^(member|enrolling|account|operator|portal|portalPin|pendingSignIn|public)(Action|Route)$";
const entryOnly = "Server actions and route handlers are built by the lib/entry pipeline: export const X = memberAction(...) / memberRoute(...) (see lib/entry/action.ts and lib/entry/route.ts).";

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
  {
    files: ["app/**/*actions.ts", "app/**/route.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ExportNamedDeclaration > FunctionDeclaration", message: entryOnly },
        { selector: "ExportDefaultDeclaration", message: entryOnly },
        { selector: "ExportNamedDeclaration[declaration=null][exportKind!='type']", message: entryOnly },
        { selector: "ExportAllDeclaration", message: entryOnly },
        { selector: "ExportNamedDeclaration > VariableDeclaration[kind!='const']", message: entryOnly },
        { selector: `ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > CallExpression.init[callee.name!=/${WRAPPERS}/]`, message: entryOnly },
        { selector: "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[init.type!='CallExpression'][init.type!='Literal']", message: entryOnly },
      ],
    },
  },
  {
    // Only route segment settings (dynamic, runtime...) may be plain values, and only in route.ts.
    files: ["app/**/*actions.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "ExportNamedDeclaration > FunctionDeclaration", message: entryOnly },
        { selector: "ExportDefaultDeclaration", message: entryOnly },
        { selector: "ExportNamedDeclaration[declaration=null][exportKind!='type']", message: entryOnly },
        { selector: "ExportAllDeclaration", message: entryOnly },
        { selector: "ExportNamedDeclaration > VariableDeclaration[kind!='const']", message: entryOnly },
        { selector: `ExportNamedDeclaration > VariableDeclaration > VariableDeclarator > CallExpression.init[callee.name!=/${WRAPPERS}/]`, message: entryOnly },
        { selector: "ExportNamedDeclaration > VariableDeclaration > VariableDeclarator[init.type!='CallExpression']", message: entryOnly },
      ],
    },
  },
];

export default config;
