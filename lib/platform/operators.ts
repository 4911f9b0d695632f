import { config } from "@/lib/config";

/** How an operator appears as the actor of an audit event (they act for the platform, not a practice). */
export const OPERATOR_ROLE = "OPERATOR";

/**
 * The one rule for "this account is a platform operator": its email is named in
 * PLATFORM_ADMIN_EMAILS (already lower-cased, as stored emails are). Read at every request, so
 * taking an address out of the configuration (and restarting) withdraws access at once.
 */
export const isOperatorEmail = (email: string): boolean => config().PLATFORM_ADMIN_EMAILS.includes(email.toLowerCase());
