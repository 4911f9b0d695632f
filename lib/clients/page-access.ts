import "server-only";
import { notFound } from "next/navigation";
import { requestAuditContext } from "@/lib/audit/context";
import type { Actor } from "@/lib/auth/current";
import { AppError } from "@/lib/http/errors";

/** For pages: runs a records lookup and turns its 404 into Next's not-found page. */
export async function orNotFound<T>(lookup: (context: Awaited<ReturnType<typeof requestAuditContext>>) => Promise<T>): Promise<T> {
  try {
    return await lookup(await requestAuditContext());
  } catch (error) {
    if (error instanceof AppError && error.status === 404) notFound();
    throw error;
  }
}

export type { Actor };
