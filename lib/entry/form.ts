// Reading a submitted form. Everything a form sends is a string (or a file, which no Confide
// form sends): a missing field reads as "".

/** One field's text. */
export const formText = (formData: FormData, key: string) => String(formData.get(key) ?? "");

/** Several fields' text, by name: what a refused form shows again so nothing typed is lost. */
export const formTexts = <K extends string>(formData: FormData, keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, formText(formData, k)])) as Record<K, string>;

/** Form fields as an object for a zod schema: one value as a string, repeated names as an array. */
export function formFields(formData: FormData): Record<string, string | string[]> {
  const fields: Record<string, string | string[]> = {};
  for (const key of new Set(formData.keys())) {
    const values = formData.getAll(key).filter((v): v is string => typeof v === "string");
    fields[key] = values.length === 1 ? values[0]! : values;
  }
  return fields;
}
