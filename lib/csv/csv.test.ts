import { parse } from "csv-parse/sync";
import { describe, expect, it } from "vitest";
import { parseClientCsv } from "@/lib/transfer/client-csv";
import { csvFromRecords, csvFromRows, neutraliseCell, restoreCell } from "./csv";

const RISKY = ["=1+1", "+44 20 7946 0000", "-2+3+cmd|' /C calc'!A0", "@SUM(A1:A2)", "\t=1+1", "\r=1+1", '=HYPERLINK("http://evil.example","x")'];
const TRICKY = [...RISKY, "'", "''", "'=1+1", "''=1+1", "'hello", "it's", "'-", "plain", "", " =1+1", "-12.50", "+7", "-", "=", "a,b\n\"c\""];
const STARTS_A_FORMULA = /^[=+\-@\t\r]/;
const cellsOf = (csv: string) => (parse(csv, { relax_column_count: true }) as string[][]).slice(1).flat();

describe("the CSV writer", () => {
  it("writes every cell that could start a formula behind a single quote", () => {
    for (const value of RISKY) expect(neutraliseCell(value), JSON.stringify(value)).toBe(`'${value}`);
    const written = cellsOf(csvFromRows(["value"], RISKY.map((v) => [v])));
    expect(written).toHaveLength(RISKY.length);
    for (const cell of written) expect(cell, JSON.stringify(cell)).not.toMatch(STARTS_A_FORMULA);
  });

  it("leaves plain numbers, ordinary text and a lone quote as they are", () => {
    for (const value of ["-12.50", "+7", "42", "0.5", "plain", "it's", "'hello", "'", "", " =1"]) expect(neutraliseCell(value)).toBe(value);
    expect(csvFromRows(["n", "b", "none", "when"], [[-5, true, null, new Date("2026-01-02T03:04:05Z")]])).toBe("n,b,none,when\n-5,true,,2026-01-02T03:04:05.000Z\n");
  });

  it("neutralises nested values written as JSON text and header names too", () => {
    expect(csvFromRecords([{ "=x": { a: 1 }, y: ["=1"] }])).toBe(`'=x,y\n"{""a"":1}","[""=1""]"\n`);
    expect(csvFromRecords([])).toBe("");
  });

  it("adds a second quote to a value that already starts with a quote before a formula character or a quote", () => {
    expect(neutraliseCell("'=1+1")).toBe("''=1+1");
    expect(neutraliseCell("''")).toBe("'''");
    expect(neutraliseCell("'hello")).toBe("'hello");
  });

  it("round-trips every value through restoreCell, a quote at the start included", () => {
    const written = cellsOf(csvFromRows(["value"], TRICKY.map((v) => [v])));
    expect(written.map(restoreCell)).toEqual(TRICKY);
    for (const value of TRICKY) expect(restoreCell(neutraliseCell(value)), JSON.stringify(value)).toBe(value);
  });

  it("reads back through our client import unchanged (less the trimming the import always does)", () => {
    const labels = ["=1+1", "'=1+1", "@home", "-Monday", "'quoted", "''"];
    const file = csvFromRows(["label", "full_name"], labels.map((label, i) => [label, i === 0 ? "+Ann -Smith" : ""]));
    const parsed = parseClientCsv(file);
    expect(parsed.errors).toEqual([]);
    expect(parsed.rows.map((r) => r.label)).toEqual(labels);
    expect(parsed.rows[0]!.identity).toMatchObject({ fullName: "+Ann -Smith" });
  });
});
