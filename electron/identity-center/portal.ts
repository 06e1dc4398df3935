// Every account × role a sign-in may use, from the portal's ListAccounts and ListAccountRoles: each list followed
// page by page (a page may hold fewer items than asked for), a throttled call retried with backoff, and the
// accounts' role lists fetched a few at a time so a large organisation does not trip the portal's rate limit.
import { ListAccountRolesCommand, ListAccountsCommand, type SSOClient } from '@aws-sdk/client-sso';
import { awsErrorOf, isThrottled } from '../clusters/errors.js';
import { withRetry, type RetryPolicy } from '../common/retry.js';
import { Limiter } from '../common/limiter.js';
import { SignInNeededError } from './session.js';

export interface Assignment {
  accountId: string;
  accountName: string;
  roleName: string;
}

export interface PortalOptions {
  signal?: AbortSignal;
  retry?: RetryPolicy;
  /** Role lists fetched at once. */
  concurrency?: number;
}

const PORTAL_RETRY: RetryPolicy = { attempts: 6, baseDelayMs: 200, maxDelayMs: 3000 };
const PAGE_SIZE = 100;
const MAX_PAGES = 1000;

export async function listAssignments(client: SSOClient, accessToken: string, opts: PortalOptions = {}): Promise<Assignment[]> {
  const call = <T>(send: () => Promise<T>) =>
    withRetry(send, (err) => isThrottled(awsErrorOf(err)), opts.retry ?? PORTAL_RETRY, opts.signal)
      .then((r) => r.value)
      .catch((err) => {
        const e = awsErrorOf(err);
        if (e.code === 'UnauthorizedException') throw new SignInNeededError(`IAM Identity Center no longer accepts this sign-in (${e.message}): sign in again`);
        throw err;
      });
  const accounts = await allPages(async (nextToken) => {
    const out = await call(() => client.send(new ListAccountsCommand({ accessToken, maxResults: PAGE_SIZE, nextToken }), { abortSignal: opts.signal }));
    return { items: out.accountList ?? [], nextToken: out.nextToken };
  });
  const limiter = new Limiter(opts.concurrency ?? 4);
  const perAccount = await Promise.all(
    accounts.map((a) =>
      limiter.run(async () => {
        const roles = await allPages(async (nextToken) => {
          const out = await call(() => client.send(new ListAccountRolesCommand({ accessToken, accountId: a.accountId, maxResults: PAGE_SIZE, nextToken }), { abortSignal: opts.signal }));
          return { items: out.roleList ?? [], nextToken: out.nextToken };
        });
        return roles.map((r) => ({ accountId: a.accountId!, accountName: a.accountName || a.accountId!, roleName: r.roleName! }));
      }),
    ),
  );
  return perAccount.flat().filter((a) => a.accountId && a.roleName);
}

async function allPages<T>(page: (nextToken?: string) => Promise<{ items: T[]; nextToken?: string }>): Promise<T[]> {
  const items: T[] = [];
  let token: string | undefined;
  for (let n = 0; n < MAX_PAGES; n++) {
    const p = await page(token);
    items.push(...p.items);
    if (!p.nextToken || p.nextToken === token) return items;
    token = p.nextToken;
  }
  throw new Error(`the IAM Identity Center portal kept returning more pages after ${MAX_PAGES}; stopped`);
}
