import "server-only";
import { openWith, sealWith } from "@/lib/crypto/envelope";
import type { Answers } from "./score";

// How answers are stored: JSON sealed (AES-256-GCM, lib/crypto/envelope) under the client's
// notes data key, bound to the response row, like a note. Erasure destroys that key.

export const responseAad = (id: string) => `measure-response:${id}`;

export const sealAnswers = (key: Uint8Array, id: string, answers: Answers) => new Uint8Array(sealWith(key, JSON.stringify({ answers }), responseAad(id)));

export function openAnswers(key: Uint8Array, id: string, sealed: Uint8Array): (number | null)[] {
  return (JSON.parse(openWith(key, sealed, responseAad(id))) as { answers: (number | null)[] }).answers;
}
