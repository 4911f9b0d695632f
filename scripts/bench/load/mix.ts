// The mix every virtual user repeats (caseload, client pages, autosaves of its draft, the week
// view, audit review), and the dates it asks for.
export interface User {
  cookie: string;
  clientCodes: string[];
  draft: { code: string; id: string };
}

export type Kind = "caseload" | "client page" | "autosave" | "week view" | "audit review";
export interface Step {
  kind: Kind;
  method: "GET" | "PUT";
  path: string;
  body?: () => string;
}
export interface Ctx {
  user?: User;
  revision?: number;
  typed?: number;
}

/** One user's session: the mix every virtual user repeats. */
export function routes(u: User, ctx: Ctx = {}): Step[] {
  const week = isoDate(mondayOf(new Date()));
  const client = (i: number) => `/clients/${encodeURIComponent(u.clientCodes[i % u.clientCodes.length]!)}`;
  const autosave: Step = {
    kind: "autosave",
    method: "PUT",
    path: `/api/clients/${encodeURIComponent(u.draft.code)}/notes/${u.draft.id}/draft`,
    body: () => {
      ctx.typed = (ctx.typed ?? 0) + 1;
      return JSON.stringify({ baseRevision: ctx.revision ?? 0, sections: { subjective: "Client describes the week. ".repeat(1 + (ctx.typed % 40)), plan: "Review next session." } });
    },
  };
  return [
    { kind: "caseload", method: "GET", path: "/clients" },
    { kind: "client page", method: "GET", path: client(1) },
    autosave,
    { kind: "week view", method: "GET", path: `/schedule?view=week&date=${week}` },
    autosave,
    { kind: "client page", method: "GET", path: client(2) },
    autosave,
    { kind: "audit review", method: "GET", path: "/audit" },
  ];
}

export function mondayOf(d: Date) {
  const day = (d.getUTCDay() + 6) % 7;
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - day));
}
export function isoDate(d: Date) {
  return d.toISOString().slice(0, 10);
}
