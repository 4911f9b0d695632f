import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { emailTransportKind, readOutbox } from "@/lib/email/transport";

export const metadata: Metadata = { title: "Development outbox" };

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "medium", timeZone: "Europe/London" });

/**
 * Development only: the emails Confide would have sent. A production build never serves it
 * (NODE_ENV is fixed at build time, so this is a 404 whatever the configuration), nor does any
 * server sending by SMTP. The e2e suite reads the outbox's files instead (e2e/support/outbox.ts).
 */
export default async function OutboxPage() {
  if (process.env.NODE_ENV === "production" || emailTransportKind() !== "outbox") notFound();
  const emails = await readOutbox();
  return (
    <div className="mx-auto max-w-3xl px-4 py-10">
      <PageHeader title="Development outbox" description="Emails Confide has sent on this machine, newest first. In production these go out by SMTP instead." />
      {emails.length === 0 ? (
        <EmptyState title="No emails yet">Invite a member or ask for a password reset, then come back.</EmptyState>
      ) : (
        <ol className="space-y-4" aria-label="Emails, newest first">
          {emails.map((e) => (
            <li key={e.id}>
              <article className="rounded-lg border border-slate-200 bg-white p-4" aria-label={e.subject}>
                <h2 className="font-semibold text-ink">{e.subject}</h2>
                <p className="text-sm text-muted">
                  To {e.to} · {when.format(new Date(e.sentAt))}
                </p>
                <p className="mt-3 whitespace-pre-wrap break-words text-sm text-ink">
                  {e.text.split(/(https?:\/\/\S+)/).map((part, i) =>
                    /^https?:\/\//.test(part) ? (
                      <a key={i} href={part} className="font-medium text-brand-700 underline">{part}</a>
                    ) : (
                      part
                    ),
                  )}
                </p>
              </article>
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
