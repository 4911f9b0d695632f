import Link from "next/link";

export default function PublicLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3">
          <Link href="/" className="text-lg font-semibold tracking-tight text-brand-700">
            Confide
          </Link>
          <nav aria-label="Account">
            <Link href="/sign-in" className="rounded px-2 py-1 text-sm font-medium text-brand-700 hover:bg-brand-50">
              Sign in
            </Link>
          </nav>
        </div>
      </header>
      <main id="main" className="flex-1">
        {children}
      </main>
      <footer className="border-t border-slate-200 bg-white">
        <div className="mx-auto max-w-5xl px-4 py-4 text-sm text-muted">
          Confide is open-source software. Your practice&rsquo;s data stays on your practice&rsquo;s server.
        </div>
      </footer>
    </div>
  );
}
