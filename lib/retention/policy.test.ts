import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, retentionEnd } from "./policy";

const d = (iso: string) => new Date(`${iso}T00:00:00Z`);
const ymd = (x: Date) => x.toISOString().slice(0, 10);

describe("retention end", () => {
  it("adults: 7 years after the last contact", () => {
    expect(ymd(retentionEnd(d("2020-03-15"), d("1980-01-01"), DEFAULT_POLICY))).toBe("2027-03-15");
    expect(ymd(retentionEnd(d("2020-03-15"), null, DEFAULT_POLICY))).toBe("2027-03-15");
  });

  it("minors: until their 25th birthday or 7 years after last contact, whichever is later", () => {
    // Seen at 15: 25th birthday (2033) is later than 7 years on (2030).
    expect(ymd(retentionEnd(d("2023-06-01"), d("2008-09-10"), DEFAULT_POLICY))).toBe("2033-09-10");
    // Seen at 17 in 2020: the 25th birthday (2028-01-20) is later than 7 years on (2027-06-01).
    expect(ymd(retentionEnd(d("2020-06-01"), d("2003-01-20"), DEFAULT_POLICY))).toBe("2028-01-20");
    // Seen at 17.9 in 2021: 25th birthday 2028-07-01, 7 years on 2028-06-01 -> the birthday.
    expect(ymd(retentionEnd(d("2021-06-01"), d("2003-07-01"), DEFAULT_POLICY))).toBe("2028-07-01");
  });

  it("follows an adjusted policy", () => {
    expect(ymd(retentionEnd(d("2020-02-29"), null, { years: 8, minorUntilAge: 25 }))).toBe("2028-02-29");
    expect(ymd(retentionEnd(d("2020-02-29"), null, { years: 7, minorUntilAge: 25 }))).toBe("2027-02-28");
  });
});
