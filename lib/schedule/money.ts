// Fees are integer minor units (pence, cents): never floating point. Showing them is
// lib/practice/locale.ts's formatMoney, in the practice's currency and locale.
import { CURRENCIES } from "@/lib/practice/locale";

// Symbols and codes people type beside an amount, in the currencies Confide offers.
const SYMBOLS = ["£", "€", "kr.", "kr", "zł", "Kč", "Ft", "lei", "лв.", "лв", "Fr.", "fr.", "CHF", ...CURRENCIES];
const SYMBOL = new RegExp(`^(?:${SYMBOLS.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})|(?:${SYMBOLS.map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|")})$`, "iu");

const decimalSeparators = new Map<string, string>();
function decimalSeparatorOf(locale: string) {
  let d = decimalSeparators.get(locale);
  if (!d) {
    d = new Intl.NumberFormat(locale).formatToParts(1.5).find((p) => p.type === "decimal")?.value ?? ".";
    decimalSeparators.set(locale, d);
  }
  return d;
}

/**
 * An amount as typed, in minor units; null when it is not an amount of money. Accepts a currency
 * symbol or code ("£45.50", "45,50 €", "CHF 45"), spaces or apostrophes between thousands, and
 * either decimal separator: with both, the last is the decimal one ("1.200,05", "1,200.05"); with
 * one, it is decimal before 1 or 2 digits ("62,50") and groups thousands before 3 ("1.200"),
 * unless it is the locale's own decimal separator, where 3 digits are refused ("12.345" in en-GB).
 */
export function parseMoney(input: string, locale = "en-GB"): number | null {
  let s = input.trim();
  for (let i = 0; i < 2; i++) s = s.replace(SYMBOL, "").trim();
  s = s.replace(/[\s\u00a0\u202f'’]/g, "");
  if (s === "") return 0;
  if (!/^\d[\d.,]*$/.test(s)) return null;
  const lastDot = s.lastIndexOf(".");
  const lastComma = s.lastIndexOf(",");
  let whole = s;
  let fraction = "";
  if (lastDot >= 0 || lastComma >= 0) {
    const at = Math.max(lastDot, lastComma);
    const sep = s[at]!;
    const tail = s.slice(at + 1);
    const single = s.indexOf(sep) === at;
    const mixed = s.includes(sep === "." ? "," : ".");
    if (mixed || (single && /^\d{1,2}$/.test(tail))) {
      if (!single || !/^\d{1,2}$/.test(tail)) return null;
      whole = s.slice(0, at);
      fraction = tail;
    } else if (single && sep === decimalSeparatorOf(locale)) {
      return null; // "12.345" where "." is the decimal point: three decimals, not money
    }
    // What remains may group thousands with one separator: 1.200.000 or 1,200,000.
    const groups = whole.split(/[.,]/);
    if (groups.length > 1) {
      if (new Set(whole.replace(/\d/g, "")).size > 1) return null;
      if (!/^\d{1,3}$/.test(groups[0]!) || groups.slice(1).some((g) => !/^\d{3}$/.test(g))) return null;
    }
    whole = groups.join("");
  }
  if (!/^\d{1,6}$/.test(whole.replace(/^0+(?=\d)/, ""))) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, "0"));
}

/** Minor units as a plain decimal for CSV and form fields ("45.50"), exact for any integer. */
export function penceToDecimal(pence: number) {
  const sign = pence < 0 ? "-" : "";
  const a = Math.abs(pence);
  return `${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`;
}
