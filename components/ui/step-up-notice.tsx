import type { Route } from "next";
import Link from "next/link";

/**
 * In place of a sensitive form while the member's step-up is not fresh: a link to confirm it is
 * them that brings them back (`href` from stepUpPath), rather than a form that would refuse.
 */
export function StepUpNotice({ href, doing }: { href: Route; doing: string }) {
  return (
    <p className="rounded-lg border border-slate-200 bg-white p-4 text-sm">
      {doing}, first{" "}
      <Link href={href} className="font-medium text-brand-700 underline">
        confirm it is you
      </Link>
      .
    </p>
  );
}
