-- AlterEnum
ALTER TYPE "EmailTokenPurpose" ADD VALUE 'EMAIL_CHANGE';
-- No new tables. (A CHECK that EMAIL_CHANGE rows carry a userId cannot use the new value in this
-- same transaction; lib/auth/email-change.ts always sets it and refuses rows without one.)
