import { useEffect, useMemo, useRef, useState, type CSSProperties } from 'react';
import { Alert, Box, Button, ExpandableSection, FormField, Input, Modal, RadioGroup, SpaceBetween, Spinner, StatusIndicator } from '@cloudscape-design/components';
import { parseClusterArn } from '../../../shared/cluster-arn.js';
import { namespaceName } from '../../../shared/contract.js';
import { VerifyStep } from './VerifyStep.js';
import type { AdminMessageResult } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import { downloadText } from '../matrix/download.js';
import { callFailure } from '../../../shared/client.js';

type PolicyName = 'AmazonEKSViewPolicy' | 'AmazonEKSEditPolicy' | 'AmazonEKSAdminPolicy' | 'AmazonEKSClusterAdminPolicy';

/** Narrowest first: the picker starts at read-only. */
const POLICIES: { value: PolicyName; label: string; description: string }[] = [
  { value: 'AmazonEKSViewPolicy', label: 'View (AmazonEKSViewPolicy)', description: 'read most resources (no Secrets)' },
  { value: 'AmazonEKSEditPolicy', label: 'Edit (AmazonEKSEditPolicy)', description: 'create, change and delete most workload resources' },
  { value: 'AmazonEKSAdminPolicy', label: 'Admin (AmazonEKSAdminPolicy)', description: 'most resources, including RBAC within its scope' },
  { value: 'AmazonEKSClusterAdminPolicy', label: 'Cluster admin (AmazonEKSClusterAdminPolicy)', description: 'everything, in every namespace (like system:masters)' },
];

/** The namespaces typed (comma or space separated), or the reason they cannot be used. */
function parseNamespaces(raw: string): { list: string[]; error?: string } {
  const list = [...new Set(raw.split(/[\s,]+/).filter(Boolean))];
  if (list.length === 0) return { list, error: 'Name at least one namespace' };
  const bad = list.find((n) => !namespaceName.safeParse(n).success);
  if (bad) return { list, error: `"${bad}" is not a namespace name (lower-case letters, digits and -)` };
  if (list.length > 16) return { list, error: 'At most 16 namespaces' };
  return { list };
}

/** Copies with the Clipboard API, else through a selected textarea (insecure contexts, older shells). */
async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.appendChild(area);
    area.select();
    try {
      return document.execCommand('copy');
    } catch {
      return false;
    } finally {
      area.remove();
    }
  }
}

const codeBox: CSSProperties = {
  fontFamily: "Monaco, Menlo, Consolas, 'Courier Prime', monospace",
  fontSize: 12,
  lineHeight: '17px',
  background: '#f3f3f7',
  color: '#0f141a',
  padding: '8px 10px',
  margin: 0,
  borderRadius: 4,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  maxHeight: 420,
  overflowY: 'auto',
};

/** "Ask the cluster admin": the message (and commands) to send; says so when one of the user's own profiles could grant it. */
export function AskAdminWizard(props: { profile: string; clusterArn: string; onClose: () => void }) {
  const { profile, clusterArn, onClose } = props;
  const { name: clusterName, region } = parseClusterArn(clusterArn) ?? { name: clusterArn, region: '' };
  const [policy, setPolicy] = useState<PolicyName>('AmazonEKSViewPolicy');
  const [scope, setScope] = useState<'cluster' | 'namespace'>('cluster');
  const [namespacesText, setNamespacesText] = useState('');
  const [result, setResult] = useState<AdminMessageResult | undefined>();
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<{ code: string; message: string } | undefined>();
  const [copy, setCopy] = useState<'copied' | 'failed' | undefined>();
  const request = useRef(0);

  const namespaces = useMemo(() => (scope === 'namespace' ? parseNamespaces(namespacesText) : undefined), [scope, namespacesText]);
  const key = scope === 'namespace' ? namespaces!.list.join(',') : '';
  const blocked = Boolean(namespaces?.error);

  useEffect(() => {
    const id = ++request.current;
    if (blocked) {
      // No message for namespaces that cannot be used: the last one would not match the form.
      setResult(undefined);
      setLoading(false);
      return;
    }
    // Typing namespaces: ask once the user pauses.
    const timer = setTimeout(
      async () => {
        setLoading(true);
        setError(undefined);
        setCopy(undefined);
        try {
          const r = await api['admin.message']({ profile, clusterArn, policy, ...(key ? { namespaces: key.split(',') } : {}) });
          if (id === request.current) setResult(r);
        } catch (err) {
          if (id === request.current) {
            setResult(undefined);
            setError(callFailure(err));
          }
        } finally {
          if (id === request.current) setLoading(false);
        }
      },
      scope === 'namespace' ? 400 : 0,
    );
    return () => clearTimeout(timer);
  }, [profile, clusterArn, policy, key, blocked, scope]);

  const onCopy = async () => {
    if (!result) return;
    setCopy((await copyText(result.text)) ? 'copied' : 'failed');
  };

  const footer = (
    <Box float="right">
      <SpaceBetween direction="horizontal" size="xs">
        <Button variant="link" onClick={onClose} data-testid="ask-admin-close">Close</Button>
        <Button iconName="copy" disabled={!result || loading} onClick={() => void onCopy()} data-testid="ask-admin-copy">Copy</Button>
        <Button
          variant="primary"
          iconName="download"
          disabled={!result || loading}
          onClick={() => result && downloadText(result.filename, result.mimeType, result.text)}
          data-testid="ask-admin-save"
        >
          Save as .txt
        </Button>
      </SpaceBetween>
    </Box>
  );

  return (
    <Modal visible onDismiss={onClose} size="large" header={`Ask the cluster admin for access to ${clusterName}`} footer={footer} data-testid="ask-admin">
      <SpaceBetween size="m">
        {result && result.granters.length > 0 && (
          <Alert type="info" header={`You may not need the admin: ${result.granters.join(', ')} can grant this`} data-testid="ask-admin-granters">
            The last scan of the access matrix found that your profile{result.granters.length > 1 ? 's' : ''} {result.granters.join(', ')}{' '}
            {result.granters.length > 1 ? 'administer' : 'administers'} {clusterName} (or may update its aws-auth ConfigMap). Close this window and choose the grant
            fix in the diagnosis to give {profile} access yourself, or send this message if you would rather the admin did it.
          </Alert>
        )}
        <Box>
          Only an identity that already administers <b>{clusterName}</b> can add an access entry or edit the aws-auth ConfigMap. If none of your
          profiles can, send this message to the cluster admin. It names the identity EKS sees for profile{' '}
          <b>{profile}</b> (as EKS compares it: a role without its IAM path), the cluster, the access you ask for and the exact commands to run. It contains no keys or tokens.
        </Box>
        <FormField label="Access to ask for" description="Start with the narrowest that lets you work.">
          <RadioGroup value={policy} onChange={(e) => setPolicy(e.detail.value as PolicyName)} items={POLICIES} data-testid="ask-admin-policy" />
        </FormField>
        <FormField label="Where">
          <RadioGroup
            value={scope}
            onChange={(e) => setScope(e.detail.value as 'cluster' | 'namespace')}
            items={[
              { value: 'cluster', label: 'The whole cluster' },
              { value: 'namespace', label: 'Only some namespaces' },
            ]}
            data-testid="ask-admin-scope"
          />
        </FormField>
        {scope === 'namespace' && (
          <FormField label="Namespaces" description="Separated by commas or spaces." errorText={namespacesText ? namespaces?.error : undefined}>
            <Input value={namespacesText} onChange={(e) => setNamespacesText(e.detail.value)} placeholder="team-a, team-b" data-testid="ask-admin-namespaces" />
          </FormField>
        )}
        {error && (
          <Alert type="error" header="The message could not be made" data-testid="ask-admin-error" data-code={error.code}>
            {error.message}
          </Alert>
        )}
        {loading && !result && (
          <Box>
            <Spinner /> Checking the identity of {profile} and the cluster&apos;s authentication mode…
          </Box>
        )}
        {result && (
          <SpaceBetween size="xs">
            <pre style={{ ...codeBox, opacity: loading ? 0.6 : 1 }} role="group" aria-label="Message for the cluster admin" tabIndex={0} data-testid="ask-admin-message">
              {result.text}
            </pre>
            {copy === 'copied' && <StatusIndicator type="success">Copied to the clipboard</StatusIndicator>}
            {copy === 'failed' && (
              <StatusIndicator type="warning" data-testid="ask-admin-copy-failed">
                Could not copy: select the text above and copy it, or save it as a file
              </StatusIndicator>
            )}
          </SpaceBetween>
        )}
        {result && (
          <ExpandableSection headerText="When the admin says it is done: check" variant="footer" data-testid="ask-admin-verify">
            <VerifyStep profile={profile} clusterArn={clusterArn} clusterName={clusterName} region={region} />
          </ExpandableSection>
        )}
      </SpaceBetween>
    </Modal>
  );
}
