import { useCallback, useEffect, useState } from 'react';
import { Alert, Box, Button, Header, Modal, SpaceBetween, Spinner } from '@cloudscape-design/components';
import type { ContextsListResult, KubectlContextView } from '../../../shared/contexts-types.js';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { api } from '../api.js';
import { FixStepList } from '../diagnosis/FixStepList.js';
import { KubeconfigFixModal } from '../diagnosis/KubeconfigFixModal.js';
import type { useMatrix } from '../matrix/useMatrix.js';
import { AskAdminWizard } from '../wizards/AskAdminWizard.js';
import { GrantWizard } from '../wizards/GrantWizard.js';
import { useCall } from '../useCall.js';
import { AddClusters } from './AddClusters.js';
import { ContextCard } from './ContextCard.js';
import { KubectlToolAlert } from './KubectlToolAlert.js';
import { UseWithKubectlModal } from './UseWithKubectlModal.js';
import './kubectl.css';
import { outcomeWorks } from '../../../shared/matrix-types.js';

interface Props {
  matrix: ReturnType<typeof useMatrix>;
  /** Bumped when "Use with kubectl" in the top bar wrote the kubeconfig. */
  changed: number;
}

type Open =
  | { kind: 'use'; context?: string }
  | { kind: 'kubeconfig' | 'grant' | 'steps'; fix: DiagnosisFixView; profile: string; clusterArn: string }
  | { kind: 'ask-admin'; profile: string; clusterArn: string };

const CHECKING = "Running each context's credential helper exactly as kubectl would, asking AWS who the token belongs to, and asking each cluster what that identity may do…";

function FixStepsModal({ fix, onClose }: { fix: DiagnosisFixView; onClose: () => void }) {
  return (
    <Modal visible onDismiss={onClose} header={fix.title} data-testid="steps-modal" footer={<Box float="right"><Button variant="link" onClick={onClose}>Close</Button></Box>}>
      <SpaceBetween size="s">
        <Box variant="p">You (or an AWS administrator) do this one; the app cannot do it for you. Run these commands, then check again.</Box>
        <FixStepList steps={fix.steps} />
      </SpaceBetween>
    </Modal>
  );
}

/** The first page: what kubectl on this computer does with each cluster, and the one button that makes it work. */
export function KubectlPage({ matrix, changed }: Props) {
  // A failed re-check keeps the contexts already shown under its error.
  const listCall = useCall((): Promise<ContextsListResult> => api['contexts.list']({}), { keepResultOnError: true });
  const { result, running: loading, run: listContexts } = listCall;
  const error = listCall.error?.message;
  const [open, setOpen] = useState<Open | undefined>();
  const [stale, setStale] = useState(false);

  const load = useCallback(() => {
    setStale(false);
    return listContexts();
  }, [listContexts]);

  useEffect(() => {
    void load();
  }, [load, changed]);

  const act = (c: KubectlContextView) => {
    const a = c.action;
    if (!a) return;
    if (a.kind !== 'fix' || !a.fix || !c.clusterArn) return setOpen({ kind: 'use', context: c.name });
    const profile = a.profile ?? c.credential.profile ?? 'default';
    const kind = a.fix.kubeconfig ? 'kubeconfig' : a.fix.family === 'manual' || a.fix.family === 'kubeconfig' ? 'steps' : 'grant';
    setOpen({ kind, fix: a.fix, profile, clusterArn: c.clusterArn });
  };
  // A window that changed the kubeconfig or the cluster's access: its cards are checked again as it closes.
  const close = () => {
    setOpen(undefined);
    if (stale) void load();
  };
  const onChanged = () => setStale(true);

  const contexts = result?.contexts ?? [];
  const failingNames = contexts.filter((c) => c.eks && c.outcome && !outcomeWorks(c.outcome)).map((c) => c.clusterName ?? c.name);
  const failing = failingNames.length;
  return (
    <SpaceBetween size="l">
      <Header
        variant="h1"
        description="What kubectl on this computer does for each cluster in your kubeconfig: who it signs in as, and whether the cluster lets it in. When something fails, the button under it fixes it."
        actions={
          <Button iconName="refresh" onClick={() => void load()} loading={loading} data-testid="contexts-refresh">Check again</Button>
        }
      >
        Your kubectl
      </Header>
      {stale && !loading && (
        <Alert type="info" action={<Button onClick={() => void load()}>Check again</Button>}>Your kubeconfig or the cluster's access changed: check again to see the result.</Alert>
      )}
      {error && <Alert type="error" header="kubectl's contexts could not be checked" data-testid="contexts-error">{error}</Alert>}
      {result?.kubectl && <KubectlToolAlert tool={result.kubectl} />}
      {result?.error && <Alert type="error" header="kubectl cannot read your kubeconfig" data-testid="contexts-error">{result.error}. The app never writes a kubeconfig it cannot read: fix the line named here first.</Alert>}
      {loading && !result && (
        <Box data-testid="contexts-loading"><Spinner /> {CHECKING}</Box>
      )}
      {result && !result.error && contexts.length === 0 && (
        <AddClusters files={result.files} matrix={matrix} onAdd={(fix, clusterArn) => setOpen({ kind: 'kubeconfig', fix, profile: fix.kubeconfig!.profile, clusterArn })} />
      )}
      {contexts.length > 0 && (
        <Box variant="p" data-testid="contexts-summary">
          {contexts.length} {contexts.length === 1 ? 'context' : 'contexts'} in {result!.files.filter((f) => f.exists).map((f) => f.path).join(', ')}
          {failing ? ` — ${failing} ${failing === 1 ? 'fails' : 'fail'}: ${failingNames.join(', ')}` : ' — every EKS context works'}.
        </Box>
      )}
      <div data-testid="contexts" aria-busy={loading}>
        <SpaceBetween size="l">
          {contexts.map((c) => (
            <ContextCard key={c.name} context={c} onAction={act} />
          ))}
        </SpaceBetween>
      </div>

      {open?.kind === 'use' && <UseWithKubectlModal {...(open.context ? { initialContext: open.context } : {})} onClose={close} onChanged={onChanged} />}
      {open?.kind === 'kubeconfig' && <KubeconfigFixModal fix={open.fix} clusterArn={open.clusterArn} suggestPin={false} onClose={close} onChanged={onChanged} />}
      {open?.kind === 'grant' && (
        <GrantWizard profile={open.profile} clusterArn={open.clusterArn} fix={open.fix} onClose={close} onChanged={onChanged} onAskAdmin={() => setOpen({ kind: 'ask-admin', profile: open.profile, clusterArn: open.clusterArn })} />
      )}
      {open?.kind === 'ask-admin' && <AskAdminWizard profile={open.profile} clusterArn={open.clusterArn} onClose={close} />}
      {open?.kind === 'steps' && <FixStepsModal fix={open.fix} onClose={close} />}
    </SpaceBetween>
  );
}
