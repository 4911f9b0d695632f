-- AlterTable
ALTER TABLE "client" ADD COLUMN     "reflectionsAcceptedAt" TIMESTAMPTZ(3),
ADD COLUMN     "reflectionsInvitedAt" TIMESTAMPTZ(3);

-- Hand-written: acceptance follows an invitation.
ALTER TABLE "client" ADD CONSTRAINT "client_reflections_accepted_after_invite" CHECK ("reflectionsAcceptedAt" IS NULL OR "reflectionsInvitedAt" IS NOT NULL);
