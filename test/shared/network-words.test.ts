// Every way a connection to a cluster can fail, said in plain words (shared/network-words.ts): each code the
// reachability check and the probe can give, the place named as kubectl knows it, the raw message kept as the
// technical detail. Two of them met for real: a closed port and a server that never answers the TLS handshake.
import { createServer, type Server } from 'node:net';
import { afterAll, describe, expect, it } from 'vitest';
import { checkReachable } from '../../electron/probe/reachability.js';
import { NETWORK_CODES } from '../../shared/network-errors.js';
import { networkErrorWords, probeMessageWords, WORDED_CODES } from '../../shared/network-words.js';

const SERVER = 'https://abc123.gr7.eu-west-1.eks.amazonaws.com';
const AT = 'https://abc123.gr7.eu-west-1.eks.amazonaws.com:443';

describe('what happened, in plain words', () => {
  const servers: Server[] = [];
  afterAll(() => {
    for (const s of servers) s.close();
  });

  it.each([
    ['ECONNREFUSED: connect ECONNREFUSED 10.0.3.7:443', `Nothing answered at ${AT} — the connection was refused`],
    ['ETIMEDOUT: connect ETIMEDOUT 10.0.3.7:443', `No answer from ${AT}: the connection attempt timed out (a firewall, or an address that answers only inside its own private network, can cause this)`],
    ['TIMEOUT: no TLS handshake within 5000 ms', `No answer from ${AT} within 5 s (a firewall, or an address that answers only inside its own private network, can cause this)`],
    ['TIMEOUT: no answer within the timeout', `No answer from ${AT} within the time allowed (a firewall, or an address that answers only inside its own private network, can cause this)`],
    ['ENOTFOUND: getaddrinfo ENOTFOUND abc123.gr7.eu-west-1.eks.amazonaws.com', 'The name abc123.gr7.eu-west-1.eks.amazonaws.com does not exist: no name server (DNS) knows its address'],
    ['EAI_AGAIN: getaddrinfo EAI_AGAIN abc123.gr7.eu-west-1.eks.amazonaws.com', "The name abc123.gr7.eu-west-1.eks.amazonaws.com could not be looked up: the name server (DNS) did not answer; check this computer's network connection"],
    ['EHOSTUNREACH: connect EHOSTUNREACH 10.0.3.7:443', `No network path leads from this computer to ${AT} (a firewall, or an address that answers only inside its own private network, can cause this)`],
    ['ENETUNREACH: connect ENETUNREACH 10.0.3.7:443', `This computer is not connected to a network that leads to ${AT}`],
    ['ECONNRESET: read ECONNRESET', `The connection to ${AT} was opened, then cut off from the other side`],
    ['EPIPE: write EPIPE', `The connection to ${AT} closed while the app was still sending`],
    ['ECONNABORTED: socket ECONNABORTED', `The connection to ${AT} was dropped before an answer came`],
    ['EADDRNOTAVAIL: connect EADDRNOTAVAIL 10.0.3.7:443', `This computer could not open a connection to ${AT}: it has no usable network address for it`],
    ['CANCELLED: the scan was cancelled', 'The check was stopped before an answer came'],
    ['BAD_ENDPOINT: not a URL: abc', "The cluster's address in the kubeconfig is not a valid web address"],
    ['CERT_HAS_EXPIRED: certificate has expired', `Something answered at ${AT}, but its certificate has expired, so the app did not trust it`],
    ['ERR_TLS_CERT_ALTNAME_INVALID: Hostname/IP does not match', `Something answered at ${AT}, but its certificate is made out for another name, so it may not be the cluster`],
    ['UNABLE_TO_VERIFY_LEAF_SIGNATURE: unable to verify the first certificate', `Something answered at ${AT}, but its certificate is not signed by the cluster's certificate authority, so it may not be the cluster`],
    ['DEPTH_ZERO_SELF_SIGNED_CERT: self-signed certificate', `Something answered at ${AT}, but its certificate is not signed by the cluster's certificate authority, so it may not be the cluster`],
    ['ERR_SSL_WRONG_VERSION_NUMBER: wrong version number', `Something answered at ${AT}, but a secure (TLS) connection could not be set up with it`],
  ])('%s → words that name the address kubectl uses; the message is the technical detail', (message, words) => {
    expect.hasAssertions();
    expect(probeMessageWords(message, SERVER)).toEqual({ words, detail: message });
  });

  it('every code the probe and the reachability check give has its own words, none of them a code', () => {
    expect.hasAssertions();
    // The probe sorts failures by shared/network-errors.ts's list: each of them is worded here.
    for (const code of NETWORK_CODES) expect(WORDED_CODES).toContain(code);
    const said = new Map<string, string>();
    for (const code of WORDED_CODES) {
      const words = networkErrorWords(code, { at: '10.0.3.7:443', host: 'abc.example.com', seconds: 5 });
      expect(words, code).toBeTypeOf('string');
      expect(words, code).not.toContain(code);
      said.set(words!, code);
    }
    // No two kinds share words.
    expect(said.size).toBe(WORDED_CODES.length);
  });

  it('without the server, the address the error names; a message that is already words stays as it is', () => {
    expect.hasAssertions();
    expect(probeMessageWords('ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:40243').words).toBe('Nothing answered at 127.0.0.1:40243 — the connection was refused');
    expect(probeMessageWords('ENOTFOUND: getaddrinfo ENOTFOUND abc.gr7.eu-west-1.eks.amazonaws.com').words).toBe('The name abc.gr7.eu-west-1.eks.amazonaws.com does not exist: no name server (DNS) knows its address');
    expect(probeMessageWords('TIMEOUT: no TLS handshake within 1500 ms').words).toMatch(/^No answer within 1\.5 s /);
    expect(probeMessageWords("AWS rejects this profile's access key (InvalidClientTokenId)")).toEqual({ words: "AWS rejects this profile's access key (InvalidClientTokenId)" });
    expect(networkErrorWords('SOMETHING_ELSE')).toBeUndefined();
  });

  it('met for real: a closed port is "nothing answered", a server silent at the handshake is "no answer within N s"', async () => {
    expect.hasAssertions();
    // A port that was just free: nothing listens there.
    const closed = createServer();
    await new Promise<void>((r) => closed.listen(0, '127.0.0.1', r));
    const port = (closed.address() as { port: number }).port;
    await new Promise<void>((r) => closed.close(() => r()));
    const refused = await checkReachable(`https://127.0.0.1:${port}`, '', 5_000);
    expect(refused.reachable).toBe(false);
    const refusedMessage = refused.reachable ? '' : `${refused.code}: ${refused.message}`;
    expect(probeMessageWords(refusedMessage, `https://127.0.0.1:${port}`)).toEqual({ words: `Nothing answered at https://127.0.0.1:${port} — the connection was refused`, detail: refusedMessage });

    // A server that takes the connection and never says a word.
    const silent = createServer(() => undefined);
    servers.push(silent);
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const silentPort = (silent.address() as { port: number }).port;
    const timedOut = await checkReachable(`https://127.0.0.1:${silentPort}`, '', 300);
    const timedOutMessage = timedOut.reachable ? '' : `${timedOut.code}: ${timedOut.message}`;
    expect(probeMessageWords(timedOutMessage, `https://127.0.0.1:${silentPort}`).words).toMatch(new RegExp(`^No answer from https://127\\.0\\.0\\.1:${silentPort} within 0\\.3 s \\(`));
  });
});
