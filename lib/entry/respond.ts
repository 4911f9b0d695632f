import "server-only";
import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { AppError } from "@/lib/http/errors";
import { logger } from "@/lib/log";

// The one mapping from errors to what the caller sees: a message for a form, JSON for a route.
// Anything that is neither an AppError nor a ZodError is a bug: logged (message and stack
// only, never the request) and answered with a generic 500.

/** What a form tells the user when its input or the rules say no; rethrows anything else. */
export function failureMessage(error: unknown): string {
  if (error instanceof AppError) return error.userMessage;
  if (error instanceof ZodError) return error.issues[0]?.message ?? "Some of the information was not valid.";
  throw error;
}

export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    const headers: Record<string, string> = { "Cache-Control": "no-store" };
    if (error.status === 503 || error.status === 429) headers["Retry-After"] = String(retryAfter(error));
    return NextResponse.json({ error: { code: error.code, message: error.userMessage } }, { status: error.status, headers });
  }
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "_", i.message]));
    return NextResponse.json({ error: { code: "invalid_input", message: "Some of the information sent was not valid.", fields } }, { status: 400 });
  }
  // The database is down, restarting or every connection is busy: nothing was written (the
  // transaction never started or the server rolled it back), so the client may simply retry.
  if (isDatabaseUnavailable(error)) {
    logger.warn({ err: { message: error instanceof Error ? error.message : String(error) } }, "database unavailable: answered 503");
    return NextResponse.json(
      { error: { code: "unavailable", message: "Confide is busy or briefly unavailable. Nothing was lost: try again in a few seconds." } },
      { status: 503, headers: { "Retry-After": String(RETRY_AFTER_SECONDS), "Cache-Control": "no-store" } },
    );
  }
  // The message and stack only: never the request, its body or its cookies.
  logger.error({ err: error instanceof Error ? { message: error.message, stack: error.stack } : String(error) }, "unhandled error in route handler");
  return NextResponse.json({ error: { code: "internal", message: "Something went wrong on our side. Please try again." } }, { status: 500 });
}

const retryAfter = (error: AppError) => ("retryAfterSeconds" in error && typeof error.retryAfterSeconds === "number" ? Math.max(1, Math.ceil(error.retryAfterSeconds)) : 5);

export const noStore = { "Cache-Control": "no-store" } as const;

/** JSON that no cache keeps (every Confide API answer is about someone). */
export const json = (body: unknown, status = 200) => NextResponse.json(body, { status, headers: noStore });
