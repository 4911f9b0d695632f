import { NextResponse } from "next/server";
import { ZodError } from "zod";
import { isDatabaseUnavailable, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { logger } from "@/lib/log";

/** An error with a message fit to show the user (never identity or secrets) and its HTTP status. */
export class AppError extends Error {
  constructor(
    readonly code: string,
    readonly userMessage: string,
    readonly status: number,
  ) {
    super(userMessage);
    this.name = "AppError";
  }
}

export const notFound = (what = "That page") => new AppError("not_found", `${what} could not be found.`, 404);
export const forbidden = () => new AppError("forbidden", "You do not have access to this.", 403);

/** The one mapping from errors to JSON responses for route handlers. */
export function errorResponse(error: unknown): NextResponse {
  if (error instanceof AppError) {
    return NextResponse.json({ error: { code: error.code, message: error.userMessage } }, { status: error.status });
  }
  if (error instanceof ZodError) {
    const fields = Object.fromEntries(error.issues.map((i) => [i.path.join(".") || "_", i.message]));
    return NextResponse.json(
      { error: { code: "invalid_input", message: "Some of the information sent was not valid.", fields } },
      { status: 400 },
    );
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
  return NextResponse.json(
    { error: { code: "internal", message: "Something went wrong on our side. Please try again." } },
    { status: 500 },
  );
}
