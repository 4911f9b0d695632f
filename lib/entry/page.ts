import "server-only";
import { notFound } from "next/navigation";
import type { AuditContext } from "@/lib/audit/schema";
import { AppError } from "@/lib/http/errors";
import { requestAuditContext } from "./context";

// What pages need from the door besides who is calling (lib/entry/caller.ts): the audit context
// for the reads they record, and Next's not-found page for a record that is not theirs to see.

/** Runs a records lookup with this request's audit context; its 404 becomes Next's not-found page. */
export async function orNotFound<T>(lookup: (context: AuditContext) => Promise<T>): Promise<T> {
  try {
    return await lookup(await requestAuditContext());
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}
