import { createHash, randomBytes } from "node:crypto";

// Secret tokens handed out in links and cookies (email links, invitations, portal sessions,
// export downloads, calendar feeds): 256 random bits, and only their SHA-256 is stored, so a
// copy of the database cannot be turned back into working links.

export const newSecretToken = () => randomBytes(32).toString("base64url");
export const hashSecretToken = (token: string) => new Uint8Array(createHash("sha256").update(token, "utf8").digest());
