// The browser half of an upload to an import route handler: the file as the request body.

export interface ApiError {
  error: { code: string; message: string };
}

export async function upload<T>(url: string, file: File, type: string): Promise<{ status: number; body: T | ApiError }> {
  try {
    const response = await fetch(url, { method: "POST", body: file, headers: { "Content-Type": type } });
    const body = (await response.json().catch(() => ({ error: { code: "bad_response", message: "The server's answer could not be read. Please try again." } }))) as T | ApiError;
    return { status: response.status, body };
  } catch {
    return { status: 0, body: { error: { code: "offline", message: "The file could not be sent. Check your connection and try again." } } };
  }
}

export const isApiError = (body: unknown): body is ApiError => typeof body === "object" && body !== null && "error" in body;
