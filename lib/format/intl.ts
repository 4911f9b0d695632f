// Intl formatters, made once per locale and options and then reused. Building one costs tens of
// microseconds (ICU loads the locale's patterns); a page that formats every row's date with a
// fresh formatter spent ~2 % of the server's CPU doing only that (bench:load profile).
// Formatters are immutable and safe to share across requests.

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

/** `new Intl.DateTimeFormat(locale, options)`, cached by its arguments. */
export function dateTimeFormat(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    // Bounded: locales and option sets come from code, time zones from a validated list, so
    // this never grows past a few hundred; the guard only stops a mistake from leaking.
    if (dateTimeFormats.size >= 2_000) dateTimeFormats.clear();
    dateTimeFormats.set(key, f);
  }
  return f;
}
