import { Box, StatusIndicator, Table } from '@cloudscape-design/components';
import type { AuthenticatorLogRow } from '../../../shared/wizard-types.js';

function Decision({ row }: { row: AuthenticatorLogRow }) {
  const [type, word] = row.decision === 'granted' ? (['success', 'granted'] as const) : row.decision === 'denied' ? (['error', 'denied'] as const) : (['info', 'other'] as const);
  return (
    <span className="lw-nowrap">
      <StatusIndicator type={type}>{word}</StatusIndicator>
    </span>
  );
}

/** The authenticator's lines: time, decision (icon and word), the reason of a refusal, ARN, username, groups, the line itself. */
export function LogsTable({ rows }: { rows: AuthenticatorLogRow[] }) {
  return (
    <Table<AuthenticatorLogRow>
      data-testid="logs-table"
      variant="embedded"
      wrapLines
      items={rows}
      empty={
        <Box textAlign="center" color="text-body-secondary" data-testid="logs-empty">
          No lines yet. Run kubectl with the identity, wait a minute for CloudWatch to receive the line, then run the query again.
        </Box>
      }
      columnDefinitions={[
        {
          id: 'time',
          header: 'Time (UTC)',
          cell: (r) => (
            <span className="lw-time" data-testid="logs-row" data-decision={r.decision} data-arn={r.arn ?? ''}>
              {r.timestamp.replace('T', ' ').replace(/(\.\d+)?Z$/, '')}
            </span>
          ),
        },
        { id: 'decision', header: 'Decision', cell: (r) => <Decision row={r} /> },
        {
          id: 'reason',
          header: 'Reason',
          cell: (r) => (
            <span className="lw-reason" data-testid="logs-reason">
              {r.reason ?? '—'}
            </span>
          ),
        },
        { id: 'arn', header: 'ARN', cell: (r) => <span className="lw-arn">{r.arn ?? '—'}</span> },
        { id: 'username', header: 'Username', cell: (r) => r.username ?? '—' },
        { id: 'groups', header: 'Groups', cell: (r) => r.groups ?? '—' },
        { id: 'message', header: 'Line', cell: (r) => <span className="lw-line">{r.message}</span> },
      ]}
    />
  );
}
