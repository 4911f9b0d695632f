// Stands in for `server-only` under Vitest, which does not run in a React server environment.
export {};
