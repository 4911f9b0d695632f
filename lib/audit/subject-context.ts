import "server-only";
import { hkdfSync } from "node:crypto";
import { z } from "zod";
import { decrypt, encrypt } from "@/lib/crypto/aead";
import type { Prisma, PrismaClient } from "@/lib/generated/prisma/client";
import { notesDataKeysByCode } from "@/lib/notes/keys";
import { requestContactDataKeys } from "@/lib/vault/request-contact";
import type { AuditContext } from "./schema";

// The IP address and browser of a data subject acting for themselves (a client in the portal, a
// person sending the public request form) are that person's data. They are stored sealed
// (AES-256-GCM) under a key derived from the subject's own data key: the client's notes data
// key, or the request's contact key in the vault. Erasure destroys those keys, so the values
// become unreadable for good, while the hash chain, computed over what is stored (the sealed
// text), still verifies. Members' and the system's events keep theirs in clear, as do attempts
// naming no known client (an unknown portal code).

/** How a sealed value starts in the ip and userAgent columns. */
export const SEALED_PREFIX = "sealed:";
/** What the audit screens and exports show once the subject's key is gone. */
export const ERASED = "erased";

type Subject = { kind: "client"; practiceId: string; code: string } | { kind: "request"; practiceId: string; id: string };
interface SubjectRow {
  practiceId: string | null;
  actorType: string;
  actorId: string | null;
  actorRole: string | null;
  targetType: string | null;
  targetId: string | null;
}

/** Whose own IP and browser an event records, if a data subject's: the one rule, for writing and reading. */
function subjectOf(e: SubjectRow): Subject | null {
  if (e.actorType !== "CLIENT" || !e.practiceId) return null;
  if (e.actorRole === "client" && e.actorId) return { kind: "client", practiceId: e.practiceId, code: e.actorId };
  if (e.actorRole === "public" && e.targetType === "request" && e.targetId && z.uuid().safeParse(e.targetId).success) {
    return { kind: "request", practiceId: e.practiceId, id: e.targetId };
  }
  return null;
}

const refOf = (s: Subject) => (s.kind === "client" ? `client:${s.code}` : `request:${s.id}`);
const contextKey = (dataKey: Buffer) => Buffer.from(hkdfSync("sha256", dataKey, Buffer.alloc(0), "confide:audit-subject-context", 32));
const aad = (ref: string, field: "ip" | "userAgent") => `audit:${ref}:${field}`;

/** The context keys of these subjects, by reference; none for a subject whose data key is gone. */
async function contextKeys(subjects: Subject[], tx?: Prisma.TransactionClient | PrismaClient): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  const byPractice = new Map<string, { codes: Set<string>; ids: Set<string> }>();
  for (const s of subjects) {
    const p = byPractice.get(s.practiceId) ?? { codes: new Set(), ids: new Set() };
    byPractice.set(s.practiceId, p);
    if (s.kind === "client") p.codes.add(s.code);
    else p.ids.add(s.id);
  }
  for (const [practiceId, { codes, ids }] of byPractice) {
    const [clients, requests] = await Promise.all([notesDataKeysByCode(practiceId, [...codes], tx), requestContactDataKeys(practiceId, [...ids])]);
    for (const [code, key] of clients) out.set(`client:${code}`, contextKey(key));
    for (const [id, key] of requests) out.set(`request:${id}`, contextKey(key));
  }
  return out;
}

/**
 * The context to store for an event: a data subject's own IP and browser sealed under their key
 * (read in `tx`, before the chain's head is locked), anything else as given.
 */
export async function sealSubjectContext(
  tx: Prisma.TransactionClient | PrismaClient,
  event: SubjectRow,
  context: AuditContext,
): Promise<AuditContext> {
  const subject = subjectOf(event);
  if (!subject || (context.ip === null && context.userAgent === null)) return context;
  const ref = refOf(subject);
  const key = (await contextKeys([subject], tx)).get(ref);
  if (!key) return context;
  const seal = (value: string | null, field: "ip" | "userAgent") =>
    value === null ? null : SEALED_PREFIX + encrypt(key, value, aad(ref, field), 1).toString("base64url");
  return { ...context, ip: seal(context.ip, "ip"), userAgent: seal(context.userAgent, "userAgent") };
}

/**
 * Events as the audit screens and exports show them: a data subject's sealed IP and browser
 * opened while their key exists, and "erased" once it is gone. `contextSealed` says which rows
 * were stored sealed (the hashes are over the sealed text, not what is shown).
 */
export async function openSubjectContexts<T extends SubjectRow & { ip: string | null; userAgent: string | null }>(
  events: T[],
): Promise<(T & { contextSealed: boolean })[]> {
  const isSealed = (v: string | null) => v !== null && v.startsWith(SEALED_PREFIX);
  const subjects = events.map((e) => (isSealed(e.ip) || isSealed(e.userAgent) ? subjectOf(e) : null));
  const keys = await contextKeys(subjects.filter((s) => s !== null));
  return events.map((e, i) => {
    const subject = subjects[i];
    if (!subject) return { ...e, contextSealed: false };
    const ref = refOf(subject);
    const key = keys.get(ref);
    const open = (value: string | null, field: "ip" | "userAgent") => {
      if (value === null || !value.startsWith(SEALED_PREFIX)) return value;
      if (!key) return ERASED;
      try {
        return decrypt(key, Buffer.from(value.slice(SEALED_PREFIX.length), "base64url"), aad(ref, field)).toString("utf8");
      } catch {
        return "unreadable";
      }
    };
    return { ...e, ip: open(e.ip, "ip"), userAgent: open(e.userAgent, "userAgent"), contextSealed: true };
  });
}
