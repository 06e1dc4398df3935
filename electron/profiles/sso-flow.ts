import { randomBytes } from 'node:crypto';
import { CreateTokenCommand, RegisterClientCommand, StartDeviceAuthorizationCommand } from '@aws-sdk/client-sso-oidc';
import type { SsoFlowState } from '../../shared/profile-types.js';
import type { ProfilesDeps } from './deps.js';
import type { ProfileDescriptor } from './load.js';
import { botocoreTime, writeSsoToken } from './sso-cache.js';

/** One device authorization in progress. Holds secrets (client secret, device code): main process only. */
export interface SsoFlow {
  id: string;
  profile: string;
  sso: NonNullable<ProfileDescriptor['sso']>;
  clientId: string;
  clientSecret: string;
  clientSecretExpiresAt?: number;
  deviceCode: string;
  userCode: string;
  verificationUri: string;
  verificationUriComplete?: string;
  expiresAt: Date;
  intervalSeconds: number;
  state: SsoFlowState;
  message?: string;
  /** Set once the profiles signed in by this flow have been re-checked. */
  settled?: boolean;
}

export async function startDeviceAuthorization(d: ProfileDescriptor, deps: ProfilesDeps): Promise<SsoFlow> {
  const sso = d.sso!;
  const oidc = deps.aws.ssoOidc(sso.region);
  // sso-session profiles register with scopes (default sso:account:access, as the aws CLI); legacy ones without.
  const scopes = sso.session ? (sso.scopes?.length ? sso.scopes : ['sso:account:access']) : undefined;
  const reg = await oidc.send(new RegisterClientCommand({ clientName: `eks-access-doctor-${deps.now().getTime()}`, clientType: 'public', ...(scopes ? { scopes } : {}) }));
  const auth = await oidc.send(new StartDeviceAuthorizationCommand({ clientId: reg.clientId, clientSecret: reg.clientSecret, startUrl: sso.startUrl }));
  if (!reg.clientId || !reg.clientSecret || !auth.deviceCode || !auth.userCode || !auth.verificationUri) {
    throw new Error('the SSO OIDC service returned an incomplete device authorization');
  }
  return {
    id: randomBytes(12).toString('base64url'),
    profile: d.name,
    sso,
    clientId: reg.clientId,
    clientSecret: reg.clientSecret,
    clientSecretExpiresAt: reg.clientSecretExpiresAt,
    deviceCode: auth.deviceCode,
    userCode: auth.userCode,
    verificationUri: auth.verificationUri,
    verificationUriComplete: auth.verificationUriComplete,
    expiresAt: new Date(deps.now().getTime() + (auth.expiresIn ?? 600) * 1000),
    intervalSeconds: auth.interval ?? 5,
    state: 'pending',
  };
}

/**
 * One CreateToken attempt. On success writes the token where the aws CLI reads it
 * (~/.aws/sso/cache/<sha1>.json, botocore's keys and time format).
 */
export async function pollDeviceToken(flow: SsoFlow, deps: ProfilesDeps): Promise<SsoFlow['state']> {
  if (flow.state !== 'pending') return flow.state;
  if (deps.now() >= flow.expiresAt) {
    flow.state = 'expired';
    flow.message = 'the device code expired before it was approved; start the sign-in again';
    return flow.state;
  }
  try {
    const out = await deps.aws.ssoOidc(flow.sso.region).send(
      new CreateTokenCommand({ grantType: 'urn:ietf:params:oauth:grant-type:device_code', deviceCode: flow.deviceCode, clientId: flow.clientId, clientSecret: flow.clientSecret }),
    );
    if (!out.accessToken) throw new Error('CreateToken returned no access token');
    const now = deps.now();
    await writeSsoToken(deps.env, flow.sso, {
      startUrl: flow.sso.startUrl,
      region: flow.sso.region,
      accessToken: out.accessToken,
      expiresAt: botocoreTime(new Date(now.getTime() + (out.expiresIn ?? 28800) * 1000)),
      ...(flow.sso.session
        ? {
            clientId: flow.clientId,
            clientSecret: flow.clientSecret,
            ...(flow.clientSecretExpiresAt ? { registrationExpiresAt: botocoreTime(new Date(flow.clientSecretExpiresAt * 1000)) } : {}),
            ...(out.refreshToken ? { refreshToken: out.refreshToken } : {}),
          }
        : {}),
    });
    flow.state = 'complete';
    return flow.state;
  } catch (err) {
    const e = err as { name?: string; message?: string };
    if (e.name === 'AuthorizationPendingException') return 'pending';
    if (e.name === 'SlowDownException') {
      flow.intervalSeconds += 5;
      return 'pending';
    }
    if (e.name === 'ExpiredTokenException') {
      flow.state = 'expired';
      flow.message = 'the device code expired before it was approved; start the sign-in again';
    } else if (e.name === 'AccessDeniedException') {
      flow.state = 'denied';
      flow.message = 'the sign-in was denied on the verification page';
    } else {
      flow.state = 'error';
      flow.message = `${e.name ?? 'Error'}: ${(e.message ?? String(err)).split('\n')[0]}`;
    }
    return flow.state;
  }
}
