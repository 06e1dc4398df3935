// Node's error codes for a connection that failed below HTTP: the probe sorts failures by them, and the pages say
// them in words. One list, so the two never disagree on what counts as a network or TLS failure.

/** Codes of a connection that was refused, cut, or never made (DNS, routing). */
export const NETWORK_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'EHOSTUNREACH', 'ENETUNREACH', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'EPIPE', 'ECONNABORTED', 'EADDRNOTAVAIL']);

/** A TLS failure: the server's certificate could not be verified, or the handshake failed. */
export function isTlsCode(code: string): boolean {
  return /CERT|SSL|TLS|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER|ALTNAME|HOSTNAME/i.test(code);
}
