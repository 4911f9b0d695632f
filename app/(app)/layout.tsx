import Link from "next/link";
import { requireAccountHolder } from "@/lib/entry/caller";
import { IdleLock } from "./idle-lock";
import { roleLabel } from "@/lib/practice/roles";
import { MainNav } from "./main-nav";
import { SignOutButton } from "./sign-out-button";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  // Members (also while enrolling a second factor) and platform operators share the shell;
  // each page then asks for exactly who it serves (requireActor, requireOperator).
  // The lock screen's settings come with the session row (no query of their own).
  const { holder, platform, lock } = await requireAccountHolder();
  const operatorOnly = holder.practiceId === null;
  return (
    <IdleLock userId={holder.userId} displayName={holder.displayName} {...lock}>
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white print:hidden">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-3">
          <Link href={operatorOnly ? "/platform" : "/dashboard"} className="text-lg font-semibold tracking-tight text-brand-700">
            Confide
          </Link>
          <MainNav practice={!operatorOnly} owner={holder.role === "OWNER"} clinician={holder.role === "OWNER" || holder.role === "THERAPIST"} platform={platform !== "none"} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden max-w-40 text-right sm:block" title={holder.practiceId === null ? undefined : `${holder.displayName}, ${roleLabel(holder.role)} · ${holder.practiceName}`}>
              <span className="block truncate font-medium text-ink">{holder.displayName}</span>
              <span className="block truncate text-muted">
                {holder.practiceId === null ? "Platform operator" : `${roleLabel(holder.role)} · ${holder.practiceName}`}
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8 print:max-w-none print:p-0">
        {children}
      </main>
    </div>
    </IdleLock>
  );
}
