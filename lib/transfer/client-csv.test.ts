import { describe, expect, it } from "vitest";
import { parseClientCsv } from "./client-csv";

describe("parseClientCsv", () => {
  it("reads a spreadsheet's CSV: byte-order mark, any column order and case, quoted commas and newlines", () => {
    const file = '\uFEFFFull Name,Label,Address\r\n"Ada Lovelace-Byron",Mon,"1 Long Road,\r\nBath"\r\n\r\n';
    const parsed = parseClientCsv(file);
    expect(parsed.errors).toEqual([]);
    expect(parsed.total).toBe(1);
    expect(parsed.rows).toEqual([{ row: 2, label: "Mon", clinicianEmail: null, identity: expect.objectContaining({ fullName: "Ada Lovelace-Byron", address: "1 Long Road,\r\nBath" }) }]);
  });

  it("numbers rows as a spreadsheet does and names the column, in its own words", () => {
    const parsed = parseClientCsv("label,full_name,date_of_birth\nA,Ann,1990-01-01\nB,Bea,2999-01-01\n" + "x".repeat(61) + ",,\n");
    expect(parsed.errors).toEqual([
      { row: 3, column: "date_of_birth", message: "Enter a date of birth in the past, as YYYY-MM-DD." },
      { row: 4, column: "label", message: "Keep the label under 60 characters." },
    ]);
  });

  it("refuses unknown and repeated columns, an empty file and rows of the wrong length", () => {
    expect(parseClientCsv("label,label").errors[0]).toMatchObject({ row: 1, column: "label" });
    expect(parseClientCsv("").errors[0]!.message).toMatch(/empty/);
    expect(parseClientCsv("label,full_name\nA").errors[0]).toMatchObject({ row: 2, message: expect.stringMatching(/number of columns/) });
  });
});
