// The IAM Identity Center device verification page: shows the user code with Approve / Deny
// buttons (plain form posts, no scripts, no external assets).
import type { World, SsoDeviceAuth } from '../world/world.js';
import type { AwsResponse } from './types.js';

const PATHS = new Set(['/device', '/device/', '/device/approve', '/device/deny']);

export function isSsoPagePath(rawPath: string): boolean {
  return PATHS.has(rawPath);
}

function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

function html(status: number, title: string, inner: string): AwsResponse {
  const body =
    `<!doctype html>\n<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>` +
    `<style>body{font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem}` +
    `.code{font-size:2rem;letter-spacing:.2rem;font-family:monospace}button{font-size:1rem;padding:.5rem 1.5rem;margin-right:1rem}</style>` +
    `</head><body><h1>${esc(title)}</h1>${inner}</body></html>\n`;
  return {
    status,
    headers: {
      'content-type': 'text/html; charset=utf-8',
      'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'",
      'cache-control': 'no-store',
    },
    body,
  };
}

function findByUserCode(world: World, userCode: string): SsoDeviceAuth | undefined {
  const wanted = userCode.trim().toUpperCase();
  for (const auth of world.ssoDeviceAuths.values()) if (auth.userCode === wanted) return auth;
  return undefined;
}

function codeForm(): AwsResponse {
  return html(
    200,
    'Authorize request',
    `<form method="get" action="/device"><label>Code <input name="user_code" autocomplete="off"></label> <button type="submit">Next</button></form>`,
  );
}

function approvalForm(auth: SsoDeviceAuth): AwsResponse {
  const hidden = `<input type="hidden" name="user_code" value="${esc(auth.userCode)}">`;
  return html(
    200,
    'Authorize request',
    `<p>An application is asking to sign in to <strong>${esc(auth.startUrl)}</strong>.</p>` +
      `<p>Confirm that this code matches the one shown by the application:</p><p class="code" id="user-code">${esc(auth.userCode)}</p>` +
      `<form method="post" action="/device/approve" style="display:inline">${hidden}<button type="submit" id="approve">Approve</button></form>` +
      `<form method="post" action="/device/deny" style="display:inline">${hidden}<button type="submit" id="deny">Deny</button></form>`,
  );
}

export function ssoPage(world: World, req: { method: string; rawPath: string; rawQuery: string; body: Buffer }): AwsResponse {
  const now = world.now();
  if (req.rawPath === '/device' || req.rawPath === '/device/') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return html(405, 'Method not allowed', '<p>Use GET.</p>');
    const userCode = new URLSearchParams(req.rawQuery).get('user_code');
    if (!userCode) return codeForm();
    const auth = findByUserCode(world, userCode);
    if (!auth || auth.expiresAt <= now) return html(400, 'Invalid code', '<p>This code is invalid or has expired. Start the sign-in again.</p>');
    if (auth.approved || auth.denied) return html(200, 'Request already answered', '<p>You can close this window.</p>');
    return approvalForm(auth);
  }
  if (req.method !== 'POST') return html(405, 'Method not allowed', '<p>Use POST.</p>');
  const userCode = new URLSearchParams(req.body.toString('utf8')).get('user_code') ?? '';
  const auth = findByUserCode(world, userCode);
  if (!auth || auth.expiresAt <= now) return html(400, 'Invalid code', '<p>This code is invalid or has expired. Start the sign-in again.</p>');
  if (req.rawPath === '/device/approve') {
    auth.approved = true;
    return html(200, 'Request approved', '<p>You can close this window and return to the application.</p>');
  }
  auth.denied = true;
  return html(200, 'Request denied', '<p>Access was not granted. You can close this window.</p>');
}
