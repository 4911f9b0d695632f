// A practice's money and date conventions: one currency (ISO 4217) and one locale (BCP 47).
// Amounts are integer minor units (pence, cents) everywhere; only these functions turn them into
// text, so a practice in Dublin sees "€60.00" and one in Berlin "60,00 €".
import { z } from "zod";

/** Currencies Confide offers (the UK and the EU/EEA, plus Switzerland); all have 2 minor digits. */
export const CURRENCIES = ["GBP", "EUR", "CHF", "SEK", "DKK", "NOK", "PLN", "CZK", "HUF", "RON", "BGN", "ISK"] as const;
export type Currency = (typeof CURRENCIES)[number];

/** Locales Confide formats money and dates in. */
export const LOCALES = [
  "en-GB", "en-IE", "de-DE", "de-AT", "de-CH", "fr-FR", "fr-BE", "nl-NL", "nl-BE", "es-ES", "it-IT",
  "pt-PT", "sv-SE", "da-DK", "nb-NO", "fi-FI", "pl-PL", "cs-CZ", "hu-HU", "ro-RO", "el-GR",
] as const;
export type Locale = (typeof LOCALES)[number];

export const currencySchema = z.enum(CURRENCIES, { error: "Choose a currency from the list." });
export const localeSchema = z.enum(LOCALES, { error: "Choose a language and region from the list." });

export type MoneyConvention = { currency: string; locale: string };
export const DEFAULT_MONEY: MoneyConvention = { currency: "GBP", locale: "en-GB" };

const formatters = new Map<string, Intl.NumberFormat>();
function formatter({ currency, locale }: MoneyConvention) {
  const key = `${locale}|${currency}`;
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(locale, { style: "currency", currency });
    formatters.set(key, f);
  }
  return f;
}

/** Minor units as money in the practice's currency and locale: 120005 -> "£1,200.05" / "1.200,05 €". */
export function formatMoney(minor: number, convention: MoneyConvention = DEFAULT_MONEY): string {
  if (!Number.isSafeInteger(minor)) throw new RangeError("Amounts are whole minor units.");
  // Integer division keeps large amounts exact; Intl only ever sees a value with two decimals.
  const sign = minor < 0 ? "-" : "";
  const a = Math.abs(minor);
  return formatter(convention).format(Number(`${sign}${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}`));
}

/** The currency's symbol as the locale writes it ("£", "€", "CHF"), for labels beside inputs. */
export function currencySymbol(convention: MoneyConvention = DEFAULT_MONEY): string {
  return formatter(convention).formatToParts(0).find((p) => p.type === "currency")?.value ?? convention.currency;
}
