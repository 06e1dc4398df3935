// Evidence for KUBECONFIG_STALE: does the kubeconfig's cluster entry still name the cluster's endpoint and CA?
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { normaliseServer } from './find.js';
import type { ClusterFields } from './types.js';

export interface ContextCluster {
  cluster: ClusterFields;
  /** The kubeconfig file holding the entry: a relative certificate-authority path is relative to it. */
  file?: string;
}

export interface DescribeClusterView {
  endpoint: string;
  /** certificateAuthority.data: base64 of the PEM. */
  caData: string;
}

export interface ServerComparison {
  serverMatches: boolean;
  /** null when the kubeconfig names no CA it can be compared by (insecure-skip-tls-verify, unreadable file). */
  caMatches: boolean | null;
  kubeconfigServer: string;
  clusterEndpoint: string;
  caSource: 'data' | 'file' | 'none';
  caProblem?: string;
}

export function compareServer(contextCluster: ContextCluster, described: DescribeClusterView): ServerComparison {
  const fields = contextCluster.cluster ?? {};
  const kubeconfigServer = typeof fields.server === 'string' ? fields.server : '';
  const serverMatches = Boolean(kubeconfigServer) && normaliseServer(kubeconfigServer) === normaliseServer(described.endpoint);
  const wanted = certificateBodies(decodeBase64(described.caData));
  const base = { serverMatches, kubeconfigServer, clusterEndpoint: described.endpoint };
  if (typeof fields['certificate-authority-data'] === 'string' && fields['certificate-authority-data']) {
    const have = certificateBodies(decodeBase64(fields['certificate-authority-data']));
    return { ...base, caSource: 'data', caMatches: wanted.length > 0 && wanted.every((c) => have.includes(c)) };
  }
  const caFile = fields['certificate-authority'];
  if (typeof caFile === 'string' && caFile) {
    const full = contextCluster.file ? path.resolve(path.dirname(contextCluster.file), caFile) : caFile;
    try {
      const have = certificateBodies(readFileSync(full, 'utf8'));
      return { ...base, caSource: 'file', caMatches: wanted.length > 0 && wanted.every((c) => have.includes(c)) };
    } catch (err) {
      return { ...base, caSource: 'file', caMatches: null, caProblem: `${full} cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
    }
  }
  const problem = fields['insecure-skip-tls-verify'] ? 'the kubeconfig skips TLS verification' : 'the kubeconfig names no CA (the system roots are used)';
  return { ...base, caSource: 'none', caMatches: null, caProblem: problem };
}

function decodeBase64(data: string): string {
  return Buffer.from(data.replace(/\s+/g, ''), 'base64').toString('utf8');
}

/** The base64 bodies of the PEM certificates in a bundle, whitespace removed. */
function certificateBodies(pem: string): string[] {
  return [...pem.matchAll(/-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g)].map((m) => m[1]!.replace(/\s+/g, ''));
}
