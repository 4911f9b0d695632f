import type { Route } from "next";

// The practice settings that live on their own pages, listed at the foot of Practice settings.
// Add one line per page (note templates, rooms, crisis text, invoicing details...) once it exists.
export const MORE_SETTINGS: { href: Route; label: string; about: string }[] = [
  { href: "/schedule/types", label: "Appointment types and fees", about: "What can be booked, for how long, and what it costs." },
  { href: "/schedule/rooms", label: "Rooms", about: "The practice's rooms, offered when booking." },
  { href: "/settings/templates", label: "Note templates", about: "The practice's own note templates, and each appointment type's default." },
  { href: "/forms", label: "Intake and consent forms", about: "Forms clients fill in through the portal before they start." },
  { href: "/measures/settings", label: "Crisis text", about: "What a client sees after answering a risk question above zero." },
  { href: "/invoices/settings", label: "Invoicing", about: "Address, VAT wording, payment instructions and registrations on invoices." },
  { href: "/schedule/reminders", label: "Reminder emails", about: "Who opted in and what was sent in the last 30 days." },
  { href: "/schedule/feed", label: "Calendar feed", about: "Your appointments in your own calendar app (codes only)." },
  { href: "/requests/retention", label: "Records past retention", about: "Review, hold or destroy records the retention policy has flagged." },
  { href: "/members", label: "Members and invitations", about: "Who works in the practice, their roles and second factors." },
];
