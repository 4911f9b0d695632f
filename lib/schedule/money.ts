// Fees are integer pence: never floating point pounds.

/** "45", "45.5", "£45.50", "1,200.00" -> pence; null when it is not an amount of money. */
export function parsePounds(input: string): number | null {
  const s = input.trim().replace(/^£/, "").replaceAll(",", "");
  if (s === "") return 0;
  const m = /^(\d{1,6})(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) return null;
  return Number(m[1]) * 100 + Number((m[2] ?? "").padEnd(2, "0"));
}

const gbp = new Intl.NumberFormat("en-GB", { style: "currency", currency: "GBP" });
export const formatPence = (pence: number) => gbp.format(pence / 100);

/** Pence as a plain decimal for CSV ("45.50"), exact for any integer. */
export function penceToDecimal(pence: number) {
  const sign = pence < 0 ? "-" : "";
  const a = Math.abs(pence);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}
