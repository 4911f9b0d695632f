import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import type { Page } from "@playwright/test";

// The e2e server runs a production build, where /dev/outbox does not exist. It still sends
// email through the outbox transport (EMAIL_TRANSPORT=outbox in e2e/support/serve.ts), which
// writes each email as a JSON file under .data/outbox; specs read them from there. showOutbox
// lays them out in the page as the development outbox does (an article per email, named by its
// subject, "To <address>", links as links), so specs find emails the same way.

const outboxDir = path.resolve(import.meta.dirname, "../../.data/outbox");

interface StoredEmail {
  to: string;
  subject: string;
  text: string;
  sentAt: string;
}

/** Every email in the outbox, newest first. */
export function readOutbox(): StoredEmail[] {
  let files: string[];
  try {
    files = readdirSync(outboxDir).filter((f) => f.endsWith(".json")).sort().reverse();
  } catch {
    return [];
  }
  return files.map((f) => JSON.parse(readFileSync(path.join(outboxDir, f), "utf8")) as StoredEmail);
}

/** Shows the outbox in `page` (built with DOM calls: the emails' text is never parsed as HTML). */
export async function showOutbox(page: Page): Promise<void> {
  await page.setContent("<!doctype html><title>Outbox</title><main><ol aria-label='Emails, newest first'></ol></main>");
  await page.evaluate((emails) => {
    const list = document.querySelector("ol")!;
    for (const email of emails) {
      const article = document.createElement("article");
      article.setAttribute("aria-label", email.subject);
      const heading = document.createElement("h2");
      heading.textContent = email.subject;
      const to = document.createElement("p");
      to.textContent = `To ${email.to} · ${email.sentAt}`;
      const body = document.createElement("p");
      for (const part of email.text.split(/(https?:\/\/\S+)/)) {
        if (/^https?:\/\//.test(part)) {
          const link = document.createElement("a");
          link.href = part;
          link.textContent = part;
          body.append(link);
        } else body.append(part);
      }
      article.append(heading, to, body);
      const item = document.createElement("li");
      item.append(article);
      list.append(item);
    }
  }, readOutbox());
}
