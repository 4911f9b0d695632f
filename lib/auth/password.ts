import { hash, verify } from "@node-rs/argon2";

// argon2id, above OWASP's minimum (m=19 MiB, t=2): 64 MiB, 3 passes, 1 lane.
// `algorithm: 2` is Algorithm.Argon2id (a const enum we cannot import under isolatedModules).
export const ARGON2_PARAMS = { algorithm: 2, memoryCost: 65_536, timeCost: 3, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return hash(password, ARGON2_PARAMS);
}

// Verified against when an email has no account, so a miss costs the same time as a hit.
let dummyHash: Promise<string> | undefined;

export async function verifyPassword(storedHash: string | null | undefined, password: string): Promise<boolean> {
  if (!storedHash) {
    dummyHash ??= hashPassword("confide-timing-equaliser");
    await verify(await dummyHash, password).catch(() => false);
    return false;
  }
  return verify(storedHash, password).catch(() => false);
}
