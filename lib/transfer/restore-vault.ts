import "server-only";
import { destroyIdentities } from "@/lib/vault/destroy-identities";
import { destroyFormIdentityAnswers, storeFormIdentityAnswers } from "@/lib/vault/form-answers";
import { destroyAddressees, storeAddressees } from "@/lib/vault/invoice-addressee";
import { destroyRequestContacts, storeRequestContact } from "@/lib/vault/request-contact";
import { storeIdentities } from "@/lib/vault/store-identities";
import type { EntityRows } from "./archive";

// The vault is written through its own pool, outside the restore's transaction: what is written
// there is removed again if the restore fails.

/** The identities and request contacts of a restore: `write` stores them, `undo` removes what `write` stored. */
export function vaultRestore(practiceId: string, rows: EntityRows, clientIdOf: Map<string, string>) {
  const identities = rows.identities.map((i) => ({
    client: { id: clientIdOf.get(i.clientCode)!, practiceId },
    identity: {
      fullName: i.fullName,
      preferredName: i.preferredName ?? undefined,
      dateOfBirth: i.dateOfBirth ?? undefined,
      email: i.email ?? undefined,
      phone: i.phone ?? undefined,
      address: i.address ?? undefined,
      emergencyContact: i.emergencyContact ?? undefined,
      gp: i.gp ?? undefined,
    },
  }));
  const contactsWritten: string[] = [];
  const clientOfSentForm = new Map(rows.client_forms.map((s) => [s.id, clientIdOf.get(s.clientCode)!]));
  const formAnswersWritten: string[] = [];
  const clientOfInvoice = new Map(rows.invoices.map((i) => [i.id, clientIdOf.get(i.clientCode)!]));
  const addressees = rows.invoice_addressees.map((a) => ({ invoiceId: a.invoiceId, clientId: clientOfInvoice.get(a.invoiceId)!, addressee: { name: a.name, address: a.address } }));
  let addresseesWritten = false;
  return {
    async write() {
      await storeIdentities(identities);
      for (const c of rows.request_contacts) {
        await storeRequestContact(c.requestId, practiceId, { fullName: c.fullName, dateOfBirth: c.dateOfBirth ?? "", email: c.email ?? "", phone: c.phone ?? "", clientCode: c.clientCode ?? "", details: c.details ?? "" });
        contactsWritten.push(c.requestId);
      }
      for (const a of rows.form_identity_answers) {
        await storeFormIdentityAnswers(a.clientFormId, { id: clientOfSentForm.get(a.clientFormId)!, practiceId }, a.answers);
        formAnswersWritten.push(a.clientFormId);
      }
      // After the identities: an addressee is sealed under its client's identity key.
      addresseesWritten = true;
      await storeAddressees(practiceId, addressees);
    },
    async undo() {
      await destroyIdentities(practiceId, identities.map((i) => i.client.id)).catch(() => {});
      // Only those this restore wrote: never another practice's rows with the same request id.
      await destroyRequestContacts(practiceId, contactsWritten).catch(() => {});
      await destroyFormIdentityAnswers(practiceId, formAnswersWritten).catch(() => {});
      if (addresseesWritten) await destroyAddressees(practiceId, addressees.map((a) => a.invoiceId)).catch(() => {});
    },
  };
}
