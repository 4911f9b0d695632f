import type { Metadata } from "next";

export const metadata: Metadata = { title: { default: "Client portal", template: "%s · Client portal" } };

/** The client portal: its own plain layout, nothing of the staff app, nothing about the client. */
export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex min-h-screen flex-col">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-3xl items-center justify-between px-4 py-3">
          <span className="text-lg font-semibold tracking-tight text-brand-700">Confide · Your portal</span>
        </div>
      </header>
      <main id="main" className="mx-auto w-full max-w-3xl flex-1 px-4 py-8">
        {children}
      </main>
    </div>
  );
}
