import "server-only";
import { csvFromRows } from "@/lib/csv/csv";
import type { BillingSummary } from "./billing";
import { penceToDecimal } from "./money";

/** A month's billing summary as CSV (RFC 4180): one row per clinician, then the practice. */
export function billingCsv(summary: BillingSummary): string {
  const row = (who: string, f: BillingSummary["total"]) => [
    summary.month,
    who,
    f.sessionsHeld,
    penceToDecimal(f.chargedPence),
    penceToDecimal(f.paidPence),
    penceToDecimal(f.outstandingPence),
    f.lateOrMissedCount,
    penceToDecimal(f.lateOrMissedPence),
    f.waivedCount,
  ];
  return csvFromRows(
    ["month", "clinician", "sessions_held", "charged_gbp", "paid_gbp", "outstanding_gbp", "late_or_missed_charged", "late_or_missed_gbp", "waived"],
    [...summary.lines.map((l) => row(l.clinicianName, l)), row("Total", summary.total)],
  );
}
