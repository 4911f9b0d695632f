// The time zones a practice may choose: the IANA names this runtime's Intl knows, so every one
// of them also formats and converts (lib/schedule/time.ts).

let zones: ReadonlySet<string> | null = null;

export function timeZones(): readonly string[] {
  return [...zoneSet()];
}

function zoneSet() {
  zones ??= new Set([...Intl.supportedValuesOf("timeZone"), "UTC"]);
  return zones;
}

export const isTimeZone = (value: string) => zoneSet().has(value);
