import Link from "next/link";
import { ButtonLink } from "@/components/ui/button";

/** A real client code (its last symbol is the check symbol), in the form Confide shows codes. */
const EXAMPLE_CODE = "K7Q4-MX2P-B9X5";

const points = [
  {
    title: "Notes filed under a code, not a name",
    body: `Session notes are filed under a client code such as ${EXAMPLE_CODE}. Names and contact details are kept apart in a separate locked vault; opening it takes a reason, and every opening is recorded.`,
  },
  {
    title: "A record of who saw what",
    body: "Every sign-in, every note opened and every name revealed is written to a record that cannot be quietly edited. Practice owners can read it and check that nothing in it was changed.",
  },
  {
    title: "Sign-in that is strong and simple",
    body: "Passwords stored so they cannot be read back, a second step with a code from your phone or a passkey, and a list of where you are signed in that you can end from anywhere.",
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
        Confide runs your caseload, notes, schedule and billing. Clinical records carry a code instead of a name, are
        encrypted, and every look at them is recorded, in line with UK and EU data protection law for health data.
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
