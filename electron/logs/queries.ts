// The AWS article's Logs Insights queries on the authenticator log, and which of their lines the wizard keeps.
import type { AuthenticatorLogRow, LogsQueryName } from '../../shared/wizard-types.js';
import { matchedArnOf } from '../../shared/arn.js';
import { CREATOR_QUERY, identityQuery } from '../diagnose/gather-logs.js';

export const DENIED_QUERY =
  'fields @logstream, @timestamp, @message | sort @timestamp desc | filter @logStream like /authenticator/ | filter @message like "access denied" | limit 50';

export interface PlannedQuery {
  queryString: string;
  /** Keeps the rows the wizard shows (the query's `like` matches substrings). */
  keep(row: AuthenticatorLogRow): boolean;
}

export function planQuery(name: LogsQueryName, identityArn?: string): PlannedQuery {
  switch (name) {
    case 'identity': {
      const arn = matchedArnOf(identityArn ?? '').toLowerCase();
      // `like "…user/maria"` also finds user/maria-admin: keep the lines about exactly this ARN.
      return { queryString: identityQuery(matchedArnOf(identityArn ?? '')), keep: (row) => row.arn?.toLowerCase() === arn };
    }
    case 'creator':
      return { queryString: CREATOR_QUERY, keep: (row) => row.username === 'kubernetes-admin' };
    case 'denied':
      return { queryString: DENIED_QUERY, keep: (row) => row.decision === 'denied' };
  }
}
