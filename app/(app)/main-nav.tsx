"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const items = [
  { href: "/dashboard", label: "Overview" },
  { href: "/clients", label: "Clients" },
  { href: "/requests", label: "Requests", ownerOnly: true },
  { href: "/members", label: "Members" },
  { href: "/audit", label: "Audit trail" },
  { href: "/settings/security", label: "Security" },
  { href: "/settings/two-factor", label: "Two-factor" },
] as const;

export function MainNav({ owner }: { owner: boolean }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto">
      <ul className="flex flex-wrap gap-1">
        {items.filter((item) => owner || !("ownerOnly" in item)).map((item) => {
          const active = pathname === item.href || pathname.startsWith(`${item.href}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-3 py-2 text-sm font-medium ${active ? "bg-brand-50 text-brand-800" : "text-muted hover:bg-slate-100 hover:text-ink"}`}
              >
                {item.label}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
