import "server-only";
import { cookies } from "next/headers";
import { FLASH_COOKIE } from "./flash-cookie";

/** Leaves a short message for the next page the user sees (no personal data: it sits in a cookie). */
export async function flash(message: string) {
  (await cookies()).set(FLASH_COOKIE, encodeURIComponent(message), {
    path: "/",
    sameSite: "strict",
    maxAge: 60,
    secure: process.env.NODE_ENV === "production",
    httpOnly: false, // the Toaster reads and clears it
  });
}
