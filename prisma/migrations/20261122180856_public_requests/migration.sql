-- AlterTable
ALTER TABLE "data_request" ALTER COLUMN "clientCode" DROP NOT NULL;

-- AlterTable
ALTER TABLE "practice" ADD COLUMN     "retentionPolicyReason" TEXT;

-- Hand-written: contact details given on the public request form (by someone without portal
-- access) go straight to the vault, under their own data key wrapped by the identity master
-- key; the clinical side keeps only the request.
CREATE TABLE vault.request_contact (
  request_id    UUID PRIMARY KEY,
  practice_id   UUID NOT NULL,
  master_key_id INTEGER NOT NULL,
  wrapped_key   BYTEA NOT NULL,
  data_enc      BYTEA NOT NULL,
  created_at    TIMESTAMPTZ(3) NOT NULL DEFAULT now()
);
CREATE INDEX request_contact_practice ON vault.request_contact (practice_id);
GRANT SELECT, INSERT, UPDATE, DELETE ON vault.request_contact TO confide_vault_runtime;
