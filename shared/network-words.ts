// Every way a connection to a cluster can fail, in words a person who does not know network codes understands:
// each code the reachability check and the probe give (shared/network-errors.ts's list, TLS, TIMEOUT, CANCELLED,
// BAD_ENDPOINT) is worded here and only here. The pages show these words; the code goes on a secondary line.
import { isTlsCode, NETWORK_CODES } from './network-errors.js';

/** Where the failed connection went, as far as it is known. */
export interface Place {
  /** "https://abc.eks.amazonaws.com:443", or "10.0.3.7:443" as the error names it. */
  at?: string;
  /** The host name a DNS lookup was for. */
  host?: string;
  /** The time the check waited, in seconds. */
  seconds?: number;
}

/** The codes worded below besides the network list and TLS: the reachability check's and the probe's own. */
export const OWN_CODES = ['TIMEOUT', 'CANCELLED', 'BAD_ENDPOINT'] as const;

const MAY_BE_PRIVATE = 'a firewall, or an address that answers only inside its own private network, can cause this';

function tlsWords(code: string, at: string): string {
  const answered = `Something answered${at}, but`;
  if (/EXPIRED/i.test(code)) return `${answered} its certificate has expired, so the app did not trust it`;
  if (/ALTNAME|HOSTNAME/i.test(code)) return `${answered} its certificate is made out for another name, so it may not be the cluster`;
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|UNABLE_TO_GET_ISSUER/i.test(code)) return `${answered} its certificate is not signed by the cluster's certificate authority, so it may not be the cluster`;
  return `${answered} a secure (TLS) connection could not be set up with it`;
}

/** A network, TLS or check code in plain words, or undefined for a code that is none of these. */
export function networkErrorWords(code: string, place: Place = {}): string | undefined {
  const at = place.at ? ` at ${place.at}` : '';
  const to = place.at ? ` to ${place.at}` : '';
  const from = place.at ? ` from ${place.at}` : '';
  const name = place.host ? `The name ${place.host}` : "The cluster's address name";
  switch (code) {
    case 'ECONNREFUSED':
      return `Nothing answered${at} — the connection was refused`;
    case 'ETIMEDOUT':
      return `No answer${from}: the connection attempt timed out (${MAY_BE_PRIVATE})`;
    case 'TIMEOUT':
      return `No answer${from} within ${place.seconds !== undefined ? `${place.seconds} s` : 'the time allowed'} (${MAY_BE_PRIVATE})`;
    case 'ENOTFOUND':
      return `${name} does not exist: no name server (DNS) knows its address`;
    case 'EAI_AGAIN':
      return `${name} could not be looked up: the name server (DNS) did not answer; check this computer's network connection`;
    case 'EHOSTUNREACH':
      return `No network path leads from this computer${to} (${MAY_BE_PRIVATE})`;
    case 'ENETUNREACH':
      return `This computer is not connected to a network that leads${to}`;
    case 'ECONNRESET':
      return `The connection${to} was opened, then cut off from the other side`;
    case 'EPIPE':
      return `The connection${to} closed while the app was still sending`;
    case 'ECONNABORTED':
      return `The connection${to} was dropped before an answer came`;
    case 'EADDRNOTAVAIL':
      return `This computer could not open a connection${to}: it has no usable network address for it`;
    case 'CANCELLED':
      return 'The check was stopped before an answer came';
    case 'BAD_ENDPOINT':
      return "The cluster's address in the kubeconfig is not a valid web address";
    default:
      return isTlsCode(code) ? tlsWords(code, at) : undefined;
  }
}

/** Every code `networkErrorWords` knows besides TLS ones: for the tests that each is worded. */
export const WORDED_CODES: readonly string[] = [...NETWORK_CODES, ...OWN_CODES];

/** The server address kubectl uses, as a person reads it: scheme, host and port ("https://host:443"). */
function serverPlace(server: string | undefined): Place {
  if (!server) return {};
  try {
    const u = new URL(server);
    return { at: `${u.protocol}//${u.hostname}:${u.port || (u.protocol === 'http:' ? '80' : '443')}`, host: u.hostname };
  } catch {
    return {};
  }
}

/**
 * A probe's one-line message ("CODE: what Node said") in words a person understands, with the raw message kept as
 * the technical detail: "ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:443" → "Nothing answered at
 * https://127.0.0.1:443 — the connection was refused". `server`, the address kubectl uses, names the place when
 * known (the message names only the IP address it resolved to). A message that is already words stays as it is.
 */
export function probeMessageWords(message: string, server?: string): { words: string; detail?: string } {
  const m = /^([A-Z][A-Z0-9_]{2,}): (.*)$/s.exec(message);
  if (!m) return { words: message };
  const [, code, rest] = m as unknown as [string, string, string];
  const named = /((?:\d{1,3}\.){3}\d{1,3}|\[[0-9a-f:]+\]|[a-z0-9-]+(?:\.[a-z0-9-]+)+)(?::(\d+))?/i.exec(rest.replace(new RegExp(code, 'g'), ''));
  const ms = /within (\d+) ?ms/.exec(rest);
  const place: Place = {
    ...(named ? { at: named[0], host: named[1] } : {}),
    ...serverPlace(server),
    ...(ms ? { seconds: Math.round(Number(ms[1]) / 100) / 10 } : {}),
  };
  const words = networkErrorWords(code, place);
  return { words: words ?? rest, detail: message };
}
