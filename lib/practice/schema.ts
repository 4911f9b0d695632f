import "server-only";
import { z } from "zod";
import { newPasswordSchema } from "@/lib/auth/password-policy";
import { emailSchema } from "@/lib/auth/schema";

// The zod schemas at the members boundary.

export const roleSchema = z.enum(["OWNER", "THERAPIST", "MANAGER"], { message: "Choose a role." });

export const inviteSchema = z.object({ email: emailSchema, role: roleSchema });
export const acceptNewAccountSchema = z
  .object({
    displayName: z.string().trim().min(2, "Enter your name as colleagues know it.").max(80, "Use at most 80 characters."),
    password: newPasswordSchema,
    confirm: z.string(),
  })
  .refine((v) => v.password === v.confirm, { path: ["confirm"], message: "The two passwords are not the same." });
