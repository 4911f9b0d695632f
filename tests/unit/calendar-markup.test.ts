import { createElement } from "react";
import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { CodeText, GridAppointment } from "@/app/(app)/schedule/time-grid";
import type { AppointmentRow } from "@/lib/schedule/list";

// The calendar's markup: a client code is one unbreakable run (its hyphens would otherwise let
// a narrow lane wrap it mid-code), and a card shows the code, never anything else about who.

const row: AppointmentRow = {
  id: "0b9f8a56-4a0e-4b7e-9a43-3c1f1f3f0a11",
  clientCode: "K7Q4MX2PB9XD",
  clientLabel: "Tuesdays",
  cancelRequested: false,
  clinicianId: "1b9f8a56-4a0e-4b7e-9a43-3c1f1f3f0a11",
  clinicianName: "Dr Example",
  startsAt: new Date("2026-06-10T09:00:00Z"),
  endsAt: new Date("2026-06-10T09:50:00Z"),
  localDate: "2026-06-10",
  localStart: "10:00",
  localEnd: "10:50",
  type: "SESSION",
  typeName: "Session",
  room: "Garden room",
  online: false,
  status: "SCHEDULED",
  paymentState: "UNPAID",
  feePence: 6000,
  seriesId: null,
};

describe("calendar markup", () => {
  it("renders a client code as one no-wrap run with its hyphens inside", () => {
    const html = renderToStaticMarkup(createElement(CodeText, { code: "K7Q4MX2PB9XD" }));
    expect(html).toBe('<span class="whitespace-nowrap font-mono" translate="no">K7Q4-MX2P-B9XD</span>');
  });

  it("renders a scheduled card as a draggable link to the appointment with the code unbroken", () => {
    const html = renderToStaticMarkup(createElement(GridAppointment, { a: row, showClinician: false, overdue: false }));
    expect(html).toMatch(/^<a [^>]*href="\/schedule\/0b9f8a56-4a0e-4b7e-9a43-3c1f1f3f0a11"/);
    expect(html).toContain('draggable="true"');
    expect(html).toContain('<span class="whitespace-nowrap font-mono" translate="no">K7Q4-MX2P-B9XD</span>');
    expect(html).not.toContain("Dr Example");
    expect(html).not.toContain("Outcome needed");
  });

  it("flags a past appointment still scheduled, and does not offer an attended one for dragging", () => {
    expect(renderToStaticMarkup(createElement(GridAppointment, { a: row, showClinician: true, overdue: true }))).toContain("Outcome needed");
    const attended = renderToStaticMarkup(createElement(GridAppointment, { a: { ...row, status: "ATTENDED" }, showClinician: false, overdue: false }));
    expect(attended).toContain('draggable="false"');
    expect(attended).not.toContain("data-movable");
    expect(attended).toContain("Attended");
  });
});
