"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const TABS = [
  { href: "/settings/security", label: "Your security" },
  { href: "/settings/two-factor", label: "Two-factor" },
  { href: "/settings/practice", label: "Practice", ownerOnly: true },
] as const;

export function SettingsTabs({ owner }: { owner: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Settings" className="mb-6 border-b border-slate-200 print:hidden">
      <ul className="-mb-px flex flex-wrap gap-1">
        {TABS.filter((t) => owner || !("ownerOnly" in t)).map((t) => {
          const active = pathname === t.href;
          return (
            <li key={t.href}>
              <Link
                href={t.href}
                aria-current={active ? "page" : undefined}
                className={`block border-b-2 px-3 py-2 text-sm font-medium ${active ? "border-brand-700 text-brand-800" : "border-transparent text-muted hover:text-ink"}`}
              >
                {t.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
