// One TLS context per CA bundle for the whole process: the public roots plus AWS_CA_BUNDLE's certificates.
// Parsing the ~140 public roots costs 20–40 ms each time; a context given as `ca` to an agent or a request is
// parsed again for every new connection.
import { createSecureContext, rootCertificates, type SecureContext } from 'node:tls';

const contexts = new Map<string, SecureContext>();

/** The context trusting the public roots and the bundle's certificates (PEM text). */
export function caBundleContext(bundle: string): SecureContext {
  let c = contexts.get(bundle);
  if (!c) {
    if (contexts.size >= 4) contexts.clear();
    contexts.set(bundle, (c = createSecureContext({ ca: [...rootCertificates, bundle] })));
  }
  return c;
}
