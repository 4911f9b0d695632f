import { json } from "@/lib/entry/respond";
import { memberRoute } from "@/lib/entry/route";
import { saveDraft } from "@/lib/notes/save-draft";

export const dynamic = "force-dynamic";

/** Autosave: { baseRevision, sections } → 200 { revision, savedAt, wordCount } or 409 { conflict } (body checked by saveDraft). */
export const PUT = memberRoute<{ code: string; id: string }>({}, async ({ actor, audit, request, params }) => {
  const body: unknown = await request.json().catch(() => null);
  const result = await saveDraft(actor, decodeURIComponent(params.code), params.id, body, audit);
  if (!result.ok) return json({ error: { code: "conflict", message: "This note was changed elsewhere since you opened it." }, conflict: result.conflict }, 409);
  return json({ revision: result.revision, savedAt: result.savedAt, wordCount: result.wordCount });
});
