import { openWith, sealWith } from "@/lib/crypto/envelope";

// How note content is sealed under the client's notes data key. Always AES-256-GCM; the one
// seam below exists so scripts/bench-notes.ts can measure what encryption costs against the
// same operations without it. No configuration or request can reach it.

export interface NoteCipher {
  seal(dataKey: Uint8Array, plaintext: string, associatedData: string): Buffer;
  open(dataKey: Uint8Array, envelope: Uint8Array, associatedData: string): string;
}

const aesGcm: NoteCipher = { seal: sealWith, open: openWith };
let active: NoteCipher = aesGcm;

export const noteCipher = (): NoteCipher => active;

/** Benchmarks only: swap the cipher (null restores AES-256-GCM). */
export function setNoteCipherForBenchmark(cipher: NoteCipher | null): void {
  active = cipher ?? aesGcm;
}
