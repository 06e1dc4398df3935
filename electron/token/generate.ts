// The EKS bearer token (`aws eks get-token`): `k8s-aws-v1.` + base64url of a presigned GetCallerIdentity URL.
import type { STSClient } from '@aws-sdk/client-sts';
import type { AwsCredentialIdentity } from '@smithy/types';
import { tokenOf } from './exec-credential.js';
import { presignGetCallerIdentity, presignGetCallerIdentityAs } from './presign.js';

export async function generateToken(sts: STSClient, clusterName: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  return tokenOf(await presignGetCallerIdentity(sts, clusterName, now), now);
}

/** The token for `credentials`, through the endpoint and region of `sts` (one client serves every identity). */
export async function generateTokenAs(sts: STSClient, credentials: AwsCredentialIdentity, clusterName: string, now = new Date()): Promise<{ token: string; expiresAt: Date }> {
  return tokenOf(await presignGetCallerIdentityAs(sts, credentials, clusterName, now), now);
}
