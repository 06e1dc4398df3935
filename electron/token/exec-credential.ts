// An EKS bearer token from a presigned URL, and the ExecCredential kubectl reads from a credential plugin.
// No SDK here: the `token` command loads this on every kubectl call.

export const TOKEN_PREFIX = 'k8s-aws-v1.';
/** The header that binds a token to one cluster: signed, never sent. */
export const CLUSTER_ID_HEADER = 'x-k8s-aws-id';
/** X-Amz-Expires the aws CLI signs with; EKS accepts tokens for 15 minutes from X-Amz-Date regardless. */
export const PRESIGN_EXPIRES_SECONDS = 60;
/** The aws CLI reports tokens as valid for 14 minutes (EKS honours 15 from signing). */
const TOKEN_EXPIRATION_MINUTES = 14;

export interface ExecCredential {
  kind: 'ExecCredential';
  apiVersion: string;
  spec: Record<string, never>;
  status: { expirationTimestamp: string; token: string };
}

export function tokenOf(presignedUrl: string, now: Date): { token: string; expiresAt: Date } {
  const token = TOKEN_PREFIX + Buffer.from(presignedUrl, 'utf8').toString('base64url');
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
