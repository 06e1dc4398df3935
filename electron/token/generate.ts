// The EKS bearer token (`aws eks get-token`): `k8s-aws-v1.` + base64url of a presigned GetCallerIdentity URL.
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { presignGetCallerIdentity, presignGetCallerIdentityAs } from './presign.js';

export const TOKEN_PREFIX = 'k8s-aws-v1.';
/** The aws CLI reports tokens as valid for 14 minutes (EKS honours 15 from signing). */
const TOKEN_EXPIRATION_MINUTES = 14;

export interface ExecCredential {
  kind: 'ExecCredential';
  apiVersion: string;
  spec: Record<string, never>;
  status: { expirationTimestamp: string; token: string };
}

export async function generateToken(sts: STSClient, clusterName: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  return tokenOf(await presignGetCallerIdentity(sts, clusterName, now), now);
}

/** The token for `credentials`, through the endpoint and region of `sts` (one client serves every identity). */
export async function generateTokenAs(sts: STSClient, credentials: AwsCredentialIdentity, clusterName: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  return tokenOf(await presignGetCallerIdentityAs(sts, credentials, clusterName, now), now);
}

function tokenOf(url: string, now: Date): { token: string; expiresAt: Date } {
  const token = TOKEN_PREFIX + Buffer.from(url, 'utf8').toString('base64url');
  return { token, expiresAt: new Date(now.getTime() + TOKEN_EXPIRATION_MINUTES * 60_000) };
}

/** The ExecCredential kubectl reads; apiVersion follows KUBERNETES_EXEC_INFO as the aws CLI's does. */
export function execCredential(token: string, expiresAt: Date, execInfo?: string): ExecCredential {
  let apiVersion = 'client.authentication.k8s.io/v1beta1';
  if (execInfo) {
    try {
      const parsed = JSON.parse(execInfo) as { apiVersion?: unknown };
      if (typeof parsed.apiVersion === 'string') apiVersion = parsed.apiVersion;
    } catch {
      // An unreadable KUBERNETES_EXEC_INFO is ignored, as the aws CLI does.
    }
  }
  return {
    kind: 'ExecCredential',
    apiVersion,
    spec: {},
    status: { expirationTimestamp: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), token },
  };
}
