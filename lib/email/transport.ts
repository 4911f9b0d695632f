import "server-only";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import nodemailer from "nodemailer";
import { config } from "@/lib/config";
import { logger } from "@/lib/log";

// The one way email leaves Confide. SMTP in production; in development (or when a test server
// asks for it) an outbox of files (readable at /dev/outbox in development). Nothing is ever silently
// dropped: production without SMTP_URL refuses to send.

export interface OutgoingEmail {
  to: string;
  subject: string;
  text: string;
}

export interface StoredEmail extends OutgoingEmail {
  id: string;
  sentAt: string;
}

export const outboxDir = () => path.join(process.cwd(), ".data", "outbox");

export function emailTransportKind(): "smtp" | "outbox" {
  const cfg = config();
  return cfg.EMAIL_TRANSPORT ?? (cfg.NODE_ENV === "production" ? "smtp" : "outbox");
}

let smtp: nodemailer.Transporter | undefined;

export async function sendEmail(email: OutgoingEmail): Promise<void> {
  const cfg = config();
  if (emailTransportKind() === "smtp") {
    if (!cfg.SMTP_URL) throw new Error("Email cannot be sent: SMTP_URL is not set.");
    smtp ??= nodemailer.createTransport(cfg.SMTP_URL);
    const info = await smtp.sendMail({ from: cfg.EMAIL_FROM, to: email.to, subject: email.subject, text: email.text });
    logger.info({ messageId: info.messageId }, "email sent");
    return;
  }
  const sentAt = new Date().toISOString();
  const id = `${sentAt.replace(/[:.]/g, "-")}-${Math.random().toString(36).slice(2, 8)}`;
  await mkdir(outboxDir(), { recursive: true });
  await writeFile(path.join(outboxDir(), `${id}.json`), JSON.stringify({ id, sentAt, ...email }, null, 2), { mode: 0o600 });
  logger.info({ outboxId: id }, "email written to the development outbox");
}

/** Newest first. Only meaningful with the outbox transport. */
export async function readOutbox(limit = 50): Promise<StoredEmail[]> {
  const files = await readdir(outboxDir()).catch(() => [] as string[]);
  const newest = files.filter((f) => f.endsWith(".json")).sort().reverse().slice(0, limit);
  return Promise.all(newest.map(async (f) => JSON.parse(await readFile(path.join(outboxDir(), f), "utf8")) as StoredEmail));
}
