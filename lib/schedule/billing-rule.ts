import { CHARGEABLE_STATUSES } from "./schema";

// What is charged, in one place: a fee counts when the appointment was attended, cancelled
// late or not attended, unless waived; charged and not paid is outstanding.

export interface BillingLine {
  clinicianId: string;
  clinicianName: string;
  sessionsHeld: number;
  chargedPence: number;
  paidPence: number;
  outstandingPence: number;
  lateOrMissedCount: number;
  lateOrMissedPence: number;
  waivedCount: number;
  waivedPence: number;
}

export const emptyFigures = () => ({ sessionsHeld: 0, chargedPence: 0, paidPence: 0, outstandingPence: 0, lateOrMissedCount: 0, lateOrMissedPence: 0, waivedCount: 0, waivedPence: 0 });

type Billable = { status: string; paymentState: string; feePence: number };

/** Whether an appointment's fee is charged, waived, or not owed at all (cancelled in time, not yet held). */
export function chargeOf(a: Billable): "charged" | "waived" | "none" {
  if (!(CHARGEABLE_STATUSES as readonly string[]).includes(a.status)) return "none";
  return a.paymentState === "WAIVED" ? "waived" : "charged";
}

/** Adds one appointment to a clinician's figures: the rule of what is charged, in one place. */
export function addToFigures(f: ReturnType<typeof emptyFigures>, a: Billable) {
  if (a.status === "ATTENDED") f.sessionsHeld += 1;
  const charge = chargeOf(a);
  if (charge === "none") return;
  if (charge === "waived") {
    f.waivedCount += 1;
    f.waivedPence += a.feePence;
    return;
  }
  f.chargedPence += a.feePence;
  if (a.paymentState === "PAID") f.paidPence += a.feePence;
  else f.outstandingPence += a.feePence;
  if (a.status !== "ATTENDED" && a.feePence > 0) {
    f.lateOrMissedCount += 1;
    f.lateOrMissedPence += a.feePence;
  }
}

