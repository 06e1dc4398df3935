/** The code and one-line message of an AWS SDK error (never its request, which could carry credentials). */
export function awsErrorOf(err: unknown): { code: string; message: string; status?: number } {
  const e = err as { name?: string; Code?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const code = e?.Code ?? (e?.name && e.name !== 'Error' ? e.name : undefined) ?? e?.code ?? 'Error';
  const message = String(e?.message ?? err).split('\n')[0]!;
  return { code, message, ...(e?.$metadata?.httpStatusCode ? { status: e.$metadata.httpStatusCode } : {}) };
}

const DENIED = new Set(['AccessDeniedException', 'AccessDenied', 'UnauthorizedOperation']);

/** IAM says no to the EKS call: the profile lacks eks:ListClusters / eks:DescribeCluster. */
export function isAccessDenied(code: string): boolean {
  return DENIED.has(code);
}

/** The codes AWS services answer when a caller sends too many requests (the SDKs' list, less the quota errors). */
const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'SlowDown',
  'EC2ThrottledException',
  'PriorRequestNotComplete',
]);

/** AWS asked the caller to slow down: a temporary refusal, worth another try — never a sign the keys are bad. */
export function isThrottled(e: { code?: string; message?: string; status?: number }): boolean {
  return (e.code !== undefined && THROTTLED.has(e.code)) || e.status === 429 || /\bRate exceeded\b/i.test(e.message ?? '');
}
