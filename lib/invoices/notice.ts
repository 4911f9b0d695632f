// The "an invoice is waiting" email: the practice's name and where to look, nothing else. No
// amount, no client name, no service or clinician: an email can be forwarded or read by others
// with access to the mailbox.

export function invoiceWaitingEmail(practiceName: string, portalUrl: string, count: number) {
  const what = count === 1 ? "A new invoice is" : `${count} new invoices are`;
  return {
    subject: `${practiceName}: a document is waiting in your portal`,
    text: [
      `${what} waiting for you in ${practiceName}'s client portal.`,
      "",
      `Sign in with your client code and PIN to read, print or download it: ${portalUrl}`,
      "",
      "For your privacy this email does not say what it is about. If you did not expect it, please contact the practice.",
    ].join("\n"),
  };
}
