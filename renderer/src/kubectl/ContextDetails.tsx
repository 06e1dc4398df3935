import { Box, ColumnLayout } from '@cloudscape-design/components';
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import { CommandText } from '../diagnosis/CommandLine.js';
import { useAccountLabel } from '../profiles/account-label.js';
import { clusterWords, credentialWords, profileWords } from './format.js';

function Field({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <div data-testid={testId}>
      <Box variant="awsui-key-label">{label}</Box>
      <div>{children}</div>
    </div>
  );
}

/** An EKS context's facts: the cluster, who kubectl signs in as, how it gets its credentials, and the profile. */
export function ContextDetails({ context: c, running }: { context: KubectlContextView; running: boolean }) {
  const accountOf = useAccountLabel();
  return (
    <ColumnLayout columns={2} variant="text-grid">
      <Field label="Cluster">{clusterWords(c, accountOf)}</Field>
      <Field label="Signs in as (asked of AWS with kubectl's own token)" testId="context-identity">
        <span className="kp-arn">{c.identityArn ?? (running ? '…' : 'nobody: no token was made')}</span>
        {c.username !== undefined && c.username !== c.identityArn ? (
          <div>
            <Box variant="small" color="text-body-secondary">Kubernetes user name: {c.username || '(none)'}</Box>
          </div>
        ) : null}
      </Field>
      <Field label="How kubectl gets its credentials" testId="context-credential">
        {credentialWords(c.credential)}
        {c.credential.command && <pre className="kp-cmd"><CommandText command={c.credential.command} /></pre>}
      </Field>
      <Field label="AWS profile it runs as" testId="context-profile">
        {profileWords(c.credential) ?? '—'}
        {c.credential.roleArn && <Box variant="small">then takes the role <span className="kp-arn">{c.credential.roleArn}</span></Box>}
        {c.credential.envOverrides.length > 0 && (
          <Box variant="small" color="text-status-warning">{c.credential.envOverrides.join(' and ')} in your shell replace that profile</Box>
        )}
      </Field>
    </ColumnLayout>
  );
}
