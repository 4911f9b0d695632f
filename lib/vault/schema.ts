import "server-only";
import { z } from "zod";

// The zod schema of a client's identity (what the vault holds), and the fields as shown.

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep this under ${max} characters.`)
    .optional()
    .transform((v) => (v ? v : undefined));

export const identitySchema = z.object({
  fullName: z.string().trim().min(1, "Enter the client's full name.").max(200, "Keep the name under 200 characters."),
  preferredName: optionalText(100),
  dateOfBirth: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(v)) && v <= new Date().toISOString().slice(0, 10)), {
      message: "Enter a date of birth in the past, as YYYY-MM-DD.",
    }),
  email: z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v.toLowerCase() : undefined))
    .refine((v) => v === undefined || z.email().safeParse(v).success, { message: "Enter a valid email address." }),
  phone: optionalText(40).refine((v) => v === undefined || /^[+\d][\d\s()-]{5,}$/.test(v), { message: "Enter a phone number (digits, spaces, + and brackets)." }),
  address: optionalText(500),
  emergencyContact: optionalText(300),
  gp: optionalText(300),
});

export type Identity = z.infer<typeof identitySchema>;
export const IDENTITY_FIELDS: { key: keyof Identity; label: string; contact: boolean }[] = [
  { key: "fullName", label: "Full name", contact: true },
  { key: "preferredName", label: "Preferred name", contact: true },
  { key: "dateOfBirth", label: "Date of birth", contact: false },
  { key: "email", label: "Email", contact: true },
  { key: "phone", label: "Phone", contact: true },
  { key: "address", label: "Address", contact: false },
  { key: "emergencyContact", label: "Emergency contact", contact: false },
  { key: "gp", label: "GP", contact: false },
];
