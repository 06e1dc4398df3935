// The AWS article's Logs Insights queries on the authenticator log, and which of their lines the wizard keeps.
import type { AuthenticatorLogRow, LogsQueryName } from '../../shared/wizard-types.js';
import { parseArn } from '../authmap/arn.js';
import { CREATOR_QUERY, identityQuery } from '../diagnose/gather-logs.js';

export const DENIED_QUERY =
  'fields @logstream, @timestamp, @message | sort @timestamp desc | filter @logStream like /authenticator/ | filter @message like "access denied" | limit 50';

/**
 * The ARN the authenticator logs for an identity: an assumed-role session becomes its role, and a role path is
 * dropped (the token never carries it). Users keep their path.
 */
export function loggedArnOf(identityArn: string): string {
  const p = parseArn(identityArn);
  if (!p) return identityArn;
  if ((p.service === 'sts' && p.kind === 'assumed-role') || (p.service === 'iam' && p.kind === 'role')) {
    return `arn:${p.partition}:iam::${p.account}:role/${p.name}`;
  }
  return identityArn;
}

export interface PlannedQuery {
  queryString: string;
  /** Keeps the rows the wizard shows (the query's `like` matches substrings). */
  keep(row: AuthenticatorLogRow): boolean;
}

export function planQuery(name: LogsQueryName, identityArn?: string): PlannedQuery {
  switch (name) {
    case 'identity': {
      const arn = loggedArnOf(identityArn ?? '').toLowerCase();
      // `like "…user/maria"` also finds user/maria-admin: keep the lines about exactly this ARN.
      return { queryString: identityQuery(loggedArnOf(identityArn ?? '')), keep: (row) => row.arn?.toLowerCase() === arn };
    }
    case 'creator':
      return { queryString: CREATOR_QUERY, keep: (row) => row.username === 'kubernetes-admin' };
    case 'denied':
      return { queryString: DENIED_QUERY, keep: (row) => row.decision === 'denied' };
  }
}
