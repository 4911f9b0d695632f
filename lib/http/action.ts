import "server-only";
import { ZodError } from "zod";
import { AppError } from "./errors";

/** What a server action tells the user when its input or the rules say no. */
export function actionErrorMessage(error: unknown): string {
  if (error instanceof AppError) return error.userMessage;
  if (error instanceof ZodError) return error.issues[0]?.message ?? "Some of the information was not valid.";
  throw error;
}
