import { useState } from 'react';
import { Alert, Box, Button, Container, Header, SegmentedControl, SpaceBetween } from '@cloudscape-design/components';
import type { LogsQueryName, LogsQueryResult } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { CommandLine } from '../diagnosis/CommandLine.js';
import { LogsStepAlert } from './LogsStepAlert.js';
import { LogsTable } from './LogsTable.js';
import { useCall } from '../useCall.js';

const QUERY_LABELS: Record<LogsQueryName, { label: string; why: string }> = {
  identity: { label: 'This identity', why: "Every line the authenticator wrote about this identity's ARN: whether it was let in and, if not, why." },
  creator: { label: 'Cluster creator', why: 'Lines with username=kubernetes-admin: the identity that created the cluster and is admin without any mapping.' },
  denied: { label: 'All denied', why: 'Every "access denied" line: which identities were refused and the reason the authenticator gives.' },
};

export interface LogsQueryStepProps {
  profile: string;
  clusterArn: string;
  clusterName: string;
  /** The diagnosed identity: enables the "this identity" query. */
  identityArn?: string;
}

/** Step 3: runs one of the troubleshooting article's Logs Insights queries and shows the lines it found. */
export function LogsQueryStep({ profile, clusterArn, clusterName, identityArn }: LogsQueryStepProps) {
  const [query, setQuery] = useState<LogsQueryName>(identityArn ? 'identity' : 'denied');
  const queryCall = useCall(
    (name: LogsQueryName): Promise<LogsQueryResult> =>
      api['logs.query']({ profile, clusterArn, query: name, ...(name === 'identity' && identityArn ? { identityArn } : {}) }),
  );
  const result = queryCall.result;

  const runQuery = () => {
    queryCall.reset();
    void queryCall.run(query);
  };

  return (
    <Container
      header={
        <Header variant="h3" description="CloudWatch Logs Insights queries from the AWS troubleshooting article, over the last 7 days. Run kubectl once after turning the log on, so there is a line to find.">
          3. Read the lines
        </Header>
      }
    >
      <SpaceBetween size="s">
        <SegmentedControl
          data-testid="logs-query-choice"
          selectedId={query}
          onChange={(e) => {
            setQuery(e.detail.selectedId as LogsQueryName);
            queryCall.reset();
          }}
          options={(Object.keys(QUERY_LABELS) as LogsQueryName[]).map((id) => ({ id, text: QUERY_LABELS[id].label, disabled: id === 'identity' && !identityArn }))}
        />
        <Box color="text-body-secondary">
          {QUERY_LABELS[query].why}
          {query === 'identity' && identityArn && (
            <>
              {' '}ARN: <span className="dg-arn">{identityArn}</span>
            </>
          )}
        </Box>
        {result ? (
          result.commands.map((c) => <CommandLine key={c} command={c} />)
        ) : (
          <Box color="text-body-secondary" fontSize="body-s">
            The same with the CLI: <code>aws logs start-query --log-group-name /aws/eks/{clusterName}/cluster …</code>, then{' '}
            <code>aws logs get-query-results --query-id …</code> — the exact commands appear once the query ran.
          </Box>
        )}
        <Button onClick={runQuery} loading={queryCall.running} data-testid="logs-query">
          Run the query
        </Button>
        <LogsStepAlert error={queryCall.error} step="query" />
        {result?.note && <Alert type="warning" data-testid="logs-note">{result.note}</Alert>}
        {result && <LogsTable rows={result.rows} />}
      </SpaceBetween>
    </Container>
  );
}
