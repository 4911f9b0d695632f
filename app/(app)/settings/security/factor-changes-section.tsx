import type { Actor } from "@/lib/entry/caller";
import { listFactorChanges } from "@/lib/auth/factor-changes";

const when = new Intl.DateTimeFormat("en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/London" });

/** The latest changes to how the member signs in, each also sent to them by email. */
export async function FactorChangesSection({ actor }: { actor: Actor }) {
  const changes = await listFactorChanges(actor);
  return (
    <section aria-labelledby="factor-changes-heading" className="mt-10 space-y-3">
      <div>
        <h2 id="factor-changes-heading" className="text-lg font-semibold">Recent changes to how you sign in</h2>
        <p className="max-w-2xl text-sm text-muted">
          Passkeys added or removed, an authenticator app set up, new recovery codes, and a practice owner resetting your
          two-factor authentication. We also email you about each one. If you do not recognise a change, end the sessions you
          do not know (under &ldquo;Where you are signed in&rdquo;), remove any passkey you did not add, and change your password.
        </p>
      </div>
      {changes.length > 0 ? (
        <ul aria-label="Recent changes to how you sign in" className="divide-y divide-slate-200 rounded-lg border border-slate-200 bg-white">
          {changes.map((c) => (
            <li key={c.id} className="flex flex-col gap-1 px-4 py-3 sm:flex-row sm:items-baseline sm:justify-between">
              <p className="font-medium text-ink">{c.label}</p>
              <p className="text-sm text-muted">
                {when.format(c.at)} · {c.device}
              </p>
            </li>
          ))}
        </ul>
      ) : (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white px-4 py-3 text-sm text-muted">No changes yet.</p>
      )}
    </section>
  );
}
