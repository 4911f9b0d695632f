import { ButtonLink } from "@/components/ui/button";

export default function NotFound() {
  return (
    <main id="main" className="mx-auto max-w-lg px-4 py-20 text-center">
      <p className="text-sm font-semibold text-brand-700">404</p>
      <h1 className="mt-2 text-2xl font-semibold">We could not find that page</h1>
      <p className="mt-2 text-muted">The link may be old, or the page may have moved. Nothing has been changed.</p>
      <div className="mt-6">
        <ButtonLink href="/">Go to the start page</ButtonLink>
      </div>
    </main>
  );
}
