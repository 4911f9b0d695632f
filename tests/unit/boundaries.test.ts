import { readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

// The one-door boundaries are ESLint rules (eslint.config.mjs), so `npm run lint` fails when
// they break. These tests prove the rules bite, on code that breaks each of them, and that the
// tree as it stands keeps them.

const root = path.resolve(__dirname, "../..");
const eslint = new ESLint({ cwd: root });

async function problems(filePath: string, code: string) {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, filePath) });
  return result!.messages.filter((m) => m.ruleId === "no-restricted-imports" || m.ruleId === "no-restricted-syntax").map((m) => m.message);
}

describe("the one door, as lint rules", { timeout: 120_000 }, () => {
  it("refuses framework imports in domain code, and lets the entry module have them", async () => {
    for (const line of ['import { cookies } from "next/headers";', 'import { cache } from "react";', 'import { decode } from "next-auth/jwt";', 'import type { Route } from "next";']) {
      expect(await problems("lib/notes/example.ts", `${line}\nexport const x = 1;\n`)).toEqual([expect.stringMatching(/Only lib\/entry may import/)]);
      expect(await problems("lib/entry/example.ts", `${line}\nexport const x = 1;\n`)).toEqual([]);
    }
  });

  it("refuses domain code calling the door", async () => {
    expect(await problems("lib/notes/example.ts", 'import { requireActor } from "@/lib/entry/caller";\nexport const x = requireActor;\n')).toEqual([expect.stringMatching(/does not call the door/)]);
  });

  it("refuses the database client and generated Prisma code in app/ and components/", async () => {
    for (const file of ["app/(app)/clients/page.tsx", "components/example.tsx", "app/api/x/route.ts"]) {
      expect(await problems(file, 'import { db } from "@/lib/db/client";\nexport const x = db;\n')).toContainEqual(expect.stringMatching(/do not touch the database/));
      expect(await problems(file, 'import type { Prisma } from "@/lib/generated/prisma/client";\nexport type X = Prisma.ClientWhereInput;\n')).toContainEqual(expect.stringMatching(/do not touch the database/));
    }
  });

  it("refuses a server action or route handler not built by the pipeline", async () => {
    const action = "app/(app)/example/actions.ts";
    const route = "app/api/example/route.ts";
    for (const [file, code] of [
      [action, '"use server";\nexport async function doIt(formData: FormData) { void formData; }\n'],
      [action, '"use server";\nconst doIt = async () => {};\nexport { doIt };\n'],
      [action, '"use server";\nexport const doIt = async () => {};\n'],
      [action, '"use server";\nimport { something } from "./x";\nexport const doIt = something(async () => {});\n'],
      [action, '"use server";\nexport const LIMIT = 3;\n'],
      [route, "export async function GET() { return new Response(null); }\n"],
      [route, 'import { handler } from "./x";\nexport { handler as GET };\n'],
      [route, "export default async function GET() { return new Response(null); }\n"],
    ] as const) {
      expect(await problems(file, code), code).toContainEqual(expect.stringMatching(/built by the lib\/entry pipeline/));
    }
    expect(await problems(action, '"use server";\nimport { memberAction } from "@/lib/entry/action";\nexport type S = { error: string };\nexport const doIt = memberAction({ back: () => "/" }, async () => "Done.");\n')).toEqual([]);
    expect(await problems(route, 'import { memberRoute } from "@/lib/entry/route";\nexport const dynamic = "force-dynamic";\nexport const GET = memberRoute({}, async () => new Response(null));\n')).toEqual([]);
  });

  it("holds for the whole tree: every actions and route file exports only what the pipeline built", async () => {
    const files = walk(path.join(root, "app")).filter((f) => /(actions|route)\.ts$/.test(f));
    expect(files.length).toBeGreaterThan(30);
    const results = await eslint.lintFiles(files);
    const broken = results.flatMap((r) => r.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => `${path.relative(root, r.filePath)}:${m.line}`));
    expect(broken).toEqual([]);
    // Every "use server" module is an actions file the rules above cover.
    const useServer = walk(path.join(root, "app")).filter((f) => /\.tsx?$/.test(f) && /^["']use server["']/m.test(readFileSync(f, "utf8")));
    expect(useServer.filter((f) => !/actions\.ts$/.test(f)).map((f) => path.relative(root, f))).toEqual([]);
  });
});

function walk(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}
