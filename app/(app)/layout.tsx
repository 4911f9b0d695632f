import Link from "next/link";
import { requireActor } from "@/lib/auth/current";
import { lockScreenSettings } from "@/lib/auth/unlock";
import { IdleLock } from "./idle-lock";
import { roleLabel } from "@/lib/practice/roles";
import { MainNav } from "./main-nav";
import { SignOutButton } from "./sign-out-button";

export default async function AppLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor({ duringEnrolment: true });
  const lock = await lockScreenSettings(actor);
  return (
    <IdleLock userId={actor.userId} displayName={actor.displayName} {...lock}>
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-6xl flex-wrap items-center gap-x-6 gap-y-2 px-4 py-3">
          <Link href="/dashboard" className="text-lg font-semibold tracking-tight text-brand-700">
            Confide
          </Link>
          <MainNav owner={actor.role === "OWNER"} />
          <div className="ml-auto flex items-center gap-3 text-sm">
            <span className="hidden text-right sm:block">
              <span className="block font-medium text-ink">{actor.displayName}</span>
              <span className="block text-muted">
                {roleLabel(actor.role)} · {actor.practiceName}
              </span>
            </span>
            <SignOutButton />
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-6xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
    </IdleLock>
  );
}
