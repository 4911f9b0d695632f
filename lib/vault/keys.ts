import "server-only";
import { config } from "@/lib/config";
import { localKeyWrapper, type KeyWrapper } from "@/lib/crypto/envelope";

// A client's identity: one ciphertext per client in vault.client_identity, under the client's
// identity data key, itself wrapped by the identity master key (never the notes key).

export const identityWrapper = (): KeyWrapper => localKeyWrapper(config().IDENTITY_MASTER_KEYS);
export const keyAad = (clientId: string) => `client:${clientId}:identity-key`;
export const dataAad = (clientId: string) => `identity:${clientId}`;
