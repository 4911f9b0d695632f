import "server-only";
import { createHmac, hkdfSync } from "node:crypto";
import type { MasterKeyRing } from "@/lib/crypto/envelope";

// Blind index: keyed HMACs of normalised name words, so "is this label someone's name?" can be
// asked without decrypting anyone. The HMAC key is derived from an identity master key version.
const tagKey = (ring: MasterKeyRing, id: number) =>
  Buffer.from(hkdfSync("sha256", ring.keys.get(id)!, Buffer.alloc(0), "confide:identity-name-tags", 32));
const nameWords = (text: string) =>
  [...new Set(text.normalize("NFKD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}]+/u).filter((w) => w.length >= 3))];
export const nameTags = (ring: MasterKeyRing, id: number, text: string) =>
  nameWords(text).map((w) => createHmac("sha256", tagKey(ring, id)).update(w).digest().subarray(0, 16));
