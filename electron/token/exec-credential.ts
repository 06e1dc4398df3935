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

const BETA_API = 'client.authentication.k8s.io/v1beta1';
const SUPPORTED_API_VERSIONS = ['client.authentication.k8s.io/v1', BETA_API];
const DEPRECATED_API_VERSIONS = ['client.authentication.k8s.io/v1alpha1'];

/**
 * The apiVersion to answer in, from KUBERNETES_EXEC_INFO, and the line the aws CLI prints on stderr with it
 * (awscli/customizations/eks/get_token.py discover_api_version, quoted word for word).
 */
export function execApiVersion(execInfo?: string): { apiVersion: string; warning?: string } {
  if (!execInfo) return { apiVersion: BETA_API };
  let parsed: unknown;
  try {
    parsed = JSON.parse(execInfo);
  } catch {
    return {
      apiVersion: BETA_API,
      warning: `Error parsing KUBERNETES_EXEC_INFO, defaulting to ${BETA_API}. This is likely a bug in your Kubernetes client. Please update your Kubernetes client.`,
    };
  }
  const apiVersion = parsed && typeof parsed === 'object' ? (parsed as { apiVersion?: unknown }).apiVersion : undefined;
  if (typeof apiVersion === 'string' && SUPPORTED_API_VERSIONS.includes(apiVersion)) return { apiVersion };
  if (typeof apiVersion === 'string' && DEPRECATED_API_VERSIONS.includes(apiVersion)) {
    return { apiVersion, warning: `Kubeconfig user entry is using deprecated API version ${apiVersion}. Run 'aws eks update-kubeconfig' to update.` };
  }
  return {
    apiVersion: BETA_API,
    warning: `Unrecognized API version in KUBERNETES_EXEC_INFO, defaulting to ${BETA_API}. This is likely due to an outdated AWS CLI. Please update your AWS CLI.`,
  };
}

/** The ExecCredential kubectl reads; apiVersion follows KUBERNETES_EXEC_INFO as the aws CLI's does. */
export function execCredential(token: string, expiresAt: Date, execInfo?: string): ExecCredential {
  return {
    kind: 'ExecCredential',
    apiVersion: execApiVersion(execInfo).apiVersion,
    spec: {},
    status: { expirationTimestamp: expiresAt.toISOString().replace(/\.\d{3}Z$/, 'Z'), token },
  };
}
