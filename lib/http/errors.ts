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

/** Who is not signed in (or whose session ended): one message everywhere. */
export const signedOut = () => new AppError("unauthenticated", "Your session has ended. Please sign in again.", 401);
