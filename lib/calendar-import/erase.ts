import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import { sealSummary } from "./sealed";

/**
 * Erasure of a client: connected-calendar events booked as the client's appointments lose their
 * title (often the client's name). They stay booked, so a later sync, which never touches booked
 * events, neither brings the title back nor offers the event again.
 */
export async function forgetTitlesBookedFor(tx: Prisma.TransactionClient, practiceId: string, clientId: string): Promise<number> {
  const events = await tx.importedEvent.findMany({ where: { practiceId, appointment: { practiceId, clientId } }, select: { id: true } });
  for (const { id } of events) await tx.importedEvent.update({ where: { id }, data: { summaryEnc: sealSummary(id, ""), updatedAt: new Date() } });
  return events.length;
}
