import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";

const points = [
  {
    title: "Records keyed by code, not by name",
    body: "Session notes belong to a client code such as K7Q4-MX2P-B9X5. The link to a real person lives in a separate vault, under its own key, opened only on purpose and always recorded.",
  },
  {
    title: "An audit trail you can prove",
    body: "Every sign-in, every note opened, every identity revealed is written to an append-only, hash-chained trail that practice owners can review and verify.",
  },
  {
    title: "Strong sign-in that stays out of your way",
    body: "Passwords hashed with argon2id, two-factor codes and passkeys, sessions you can see and end from anywhere.",
  },
];

export default function LandingPage() {
  return (
    <div className="mx-auto max-w-5xl px-4 py-12 sm:py-20">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-700">For therapists and counsellors</p>
      <h1 className="mt-2 max-w-3xl text-3xl font-semibold tracking-tight text-ink sm:text-5xl">
        Practice management that keeps your clients private by design.
      </h1>
      <p className="mt-4 max-w-2xl text-lg text-muted">
        Confide runs your caseload, notes and schedule while keeping clinical records pseudonymised, encrypted and
        accountable, in line with UK and EU GDPR for special-category health data.
      </p>
      <div className="mt-8 flex flex-wrap gap-3">
        <ButtonLink href="/sign-up">Create a practice</ButtonLink>
        <ButtonLink href="/sign-in" variant="secondary">Sign in</ButtonLink>
      </div>
      <p className="mt-4 text-muted">
        Seeing a therapist who uses Confide?{" "}
        <Link href="/portal" className="font-medium text-brand-700 underline">Go to the client portal</Link> to sign in with your code and PIN.
      </p>
      <ul className="mt-14 grid gap-6 sm:grid-cols-3">
        {points.map((p) => (
          <li key={p.title} className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
            <h2 className="font-semibold text-ink">{p.title}</h2>
            <p className="mt-2 text-sm text-muted">{p.body}</p>
          </li>
        ))}
      </ul>
    </div>
  );
}
