// Approves a device authorization on the sandbox's verification page, as the user does in the browser.
import { readFileSync } from 'node:fs';
import { httpsCall } from './https-call.js';

/** The page's answer status (200: approved). */
export async function approveSignIn(env: { AWS_ENDPOINT_URL?: string; AWS_CA_BUNDLE?: string }, userCode: string): Promise<number> {
  const reply = await httpsCall({
    port: Number(new URL(env.AWS_ENDPOINT_URL!).port),
    ca: readFileSync(env.AWS_CA_BUNDLE!, 'utf8'),
    method: 'POST',
    path: '/device/approve',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ user_code: userCode }).toString(),
  });
  return reply.status;
}
