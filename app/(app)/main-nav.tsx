"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const practiceItems = [
  { href: "/dashboard", label: "Overview" },
  { href: "/clients", label: "Clients" },
  { href: "/schedule", label: "Schedule" },
  { href: "/invoices", label: "Invoices", billingOnly: true },
  { href: "/requests", label: "Requests", ownerOnly: true },
  { href: "/members", label: "Members" },
  { href: "/import", label: "Import", clinicianOnly: true },
  { href: "/export", label: "Export", ownerOnly: true },
  { href: "/audit", label: "Audit trail" },
  // One entry for all settings (yours, two-factor, the practice's): settings/layout.tsx has the tabs.
  { href: "/settings/security", label: "Settings", section: "/settings" },
] as const;
const platformItem = { href: "/platform", label: "Platform" } as const;

/** The main menu: the practice's screens for members (some for owners or clinicians only), and Platform for operators only. */
export function MainNav({ practice, owner, clinician, platform }: { practice: boolean; owner: boolean; clinician: boolean; platform: boolean }) {
  const pathname = usePathname();
  const items = [...(practice ? practiceItems.filter((item) => (owner || !("ownerOnly" in item)) && (clinician || !("clinicianOnly" in item)) && (owner || !clinician || !("billingOnly" in item))) : []), ...(platform ? [platformItem] : [])];
  return (
    <nav aria-label="Main" className="order-last w-full sm:order-none sm:w-auto">
      <ul className="flex flex-wrap gap-0.5">
        {items.map((item) => {
          const base = "section" in item ? item.section : item.href;
          const active = pathname === base || pathname.startsWith(`${base}/`);
          return (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active ? "page" : undefined}
                className={`block whitespace-nowrap rounded-md px-2 py-2 text-sm font-medium ${active ? "bg-brand-50 text-brand-800" : "text-muted hover:bg-slate-100 hover:text-ink"}`}
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
