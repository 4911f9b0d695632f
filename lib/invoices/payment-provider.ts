// Card payments through a payment provider, designed as an interface only. Nothing in Confide
// calls out to a provider today: card payments are recorded by hand (recordPayment, method
// CARD). A provider module (Stripe, GoCardless, SumUp…) would implement this, be chosen by
// configuration, and feed confirmed payments into recordPayment with method CARD; its webhook
// would arrive through the one door (lib/entry/route.ts) with the provider's signature checked.
// The client's identity never goes to the provider: it sees the invoice number and the amount.

export interface CardCheckoutRequest {
  /** Our invoice id and its number as people read it ("INV-000042"). */
  invoiceId: string;
  invoiceNumber: string;
  amountMinor: number;
  currency: string;
  /** Where the provider sends the client back (the portal's invoice page). */
  returnUrl: string;
}

export interface CardCheckout {
  /** The provider's page the client is sent to, and its reference for this attempt. */
  redirectUrl: string;
  providerReference: string;
}

/** A payment the provider confirmed (from its signed webhook), ready for recordPayment. */
export interface ConfirmedCardPayment {
  invoiceId: string;
  providerReference: string;
  amountMinor: number;
  currency: string;
  receivedOn: string;
}

export interface PaymentProvider {
  readonly name: string;
  createCheckout(request: CardCheckoutRequest): Promise<CardCheckout>;
  /** Verifies a webhook's signature over the raw body; returns the payment or null when it is not one. */
  parseWebhook(rawBody: Uint8Array, headers: Headers): Promise<ConfirmedCardPayment | null>;
  refund(providerReference: string, amountMinor: number): Promise<void>;
}

/** No provider is configured: card payments are recorded by hand. */
export function paymentProvider(): PaymentProvider | null {
  return null;
}
