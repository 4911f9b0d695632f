// The names of Confide's own cookies. In production they carry the __Host- prefix: Secure,
// path /, and no Domain, so no other host can set or read them.
const prefix = () => (process.env.NODE_ENV === "production" ? "__Host-" : "");

/** The staff session: next-auth's JWT, carrying only our Session row id (`sid`). */
export const sessionCookieName = () => `${prefix()}confide.session`;

/** next-auth's own cookies beside it. */
export const callbackCookieName = () => `${prefix()}confide.callback-url`;
export const csrfCookieName = () => `${prefix()}confide.csrf`;

/** The client portal's session: an opaque token whose hash is stored. */
export const portalCookieName = () => `${prefix()}confide.portal`;
