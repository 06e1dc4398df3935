import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Alert, Button, Header, SpaceBetween } from '@cloudscape-design/components';
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { KubeconfigFixModal } from '../diagnosis/KubeconfigFixModal.js';
import type { useMatrix } from '../matrix/useMatrix.js';
import { AskAdminWizard } from '../wizards/AskAdminWizard.js';
import { GrantWizard } from '../wizards/GrantWizard.js';
import { AddClusters } from './AddClusters.js';
import { ContextCard } from './ContextCard.js';
import { FixStepsModal } from './FixStepsModal.js';
import { ContextsLoadingLine, ContextsProgressLine, ContextsSummary } from './ContextsSummary.js';
import { cardOrder, fails } from './order.js';
import { useContextsList } from './useContextsList.js';
import { KubectlToolAlert } from './KubectlToolAlert.js';
import { UseWithKubectlModal } from './UseWithKubectlModal.js';
import { workingProfileOn } from './profile-standing.js';
import { rememberCheckedContexts } from './checked-contexts.js';
import './kubectl.css';

interface Props {
  matrix: ReturnType<typeof useMatrix>;
  /** Bumped when "Use with kubectl" in the top bar wrote the kubeconfig. */
  changed: number;
}

type Open =
  | { kind: 'use'; context?: string; profile?: string }
  | { kind: 'kubeconfig' | 'grant' | 'steps'; fix: DiagnosisFixView; profile: string; clusterArn: string; context?: string }
  | { kind: 'ask-admin'; profile: string; clusterArn: string };

/** The first page: what kubectl on this computer does with each cluster, and the one button that makes it work. */
export function KubectlPage({ matrix, changed }: Props) {
  const listCall = useContextsList();
  const { result, running: loading, load: listContexts, progress, again } = listCall;
  const error = listCall.error?.message;
  const [open, setOpen] = useState<Open | undefined>();
  const [stale, setStale] = useState(false);
  const cardEls = useRef(new Map<string, HTMLDivElement>());
  const onBox = useCallback((name: string, el: HTMLDivElement | null) => {
    if (el) cardEls.current.set(name, el);
    else cardEls.current.delete(name);
  }, []);
  const show = (name: string) => {
    const el = cardEls.current.get(name);
    el?.scrollIntoView({ block: 'start' });
    el?.focus({ preventScroll: true });
  };

  // After a fix window closes, the cards are checked again in the order they had: the card just fixed stays where
  // the user was looking, rather than moving to the working ones. Checked again by the user, the usual order returns.
  const [keptOrder, setKeptOrder] = useState<string[] | undefined>();
  const load = useCallback((keep?: string[]) => {
    setStale(false);
    setKeptOrder(keep);
    return listContexts();
  }, [listContexts]);

  useEffect(() => {
    void load();
  }, [load, changed]);

  const act = useCallback((c: KubectlContextView) => {
    const a = c.action;
    if (!a) return;
    if (a.kind !== 'fix' || !a.fix || !c.clusterArn) return setOpen({ kind: 'use', context: c.name });
    const profile = a.profile ?? c.credential.profile ?? 'default';
    const kind = a.fix.kubeconfig ? 'kubeconfig' : a.fix.family === 'manual' || a.fix.family === 'kubeconfig' ? 'steps' : 'grant';
    setOpen({ kind, fix: a.fix, profile, clusterArn: c.clusterArn, context: c.name });
  }, []);
  // A window that changed the kubeconfig or the cluster's access: its cards are checked again as it closes.
  const close = () => {
    setOpen(undefined);
    if (stale) void load(contexts.map((c) => c.name));
  };
  const onChanged = () => setStale(true);
  const useProfile = useCallback((context: string, profile: string) => setOpen({ kind: 'use', context, profile }), []);

  // The Access matrix's last scan (kept up to date by its events, never started from here): which other profiles get in.
  useEffect(() => {
    if (listCall.result) rememberCheckedContexts(listCall.result.contexts);
  }, [listCall.result]);
  const { cells } = matrix.model;
  const offers = useMemo(
    () => new Map(listCall.contexts.map((c) => [c.name, workingProfileOn(c.clusterArn, c.credential.profile, cells.values())])),
    [listCall.contexts, cells],
  );

  const contexts = cardOrder(listCall.contexts, keptOrder);
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
      {result?.error && result.errorBusy && <Alert type="warning" header="Another program is changing your kubeconfig right now" data-testid="contexts-error">{result.error}.</Alert>}
      {result?.error && !result.errorBusy && <Alert type="error" header="kubectl cannot read your kubeconfig" data-testid="contexts-error">{result.error}. The app never writes a kubeconfig it cannot read: fix the line named here first.</Alert>}
      {loading && !progress && !result && <ContextsLoadingLine />}
      {progress && <ContextsProgressLine progress={progress} />}
      {result && !result.error && contexts.length === 0 && (
        <AddClusters files={result.files} matrix={matrix} onAdd={(fix, clusterArn) => setOpen({ kind: 'kubeconfig', fix, profile: fix.kubeconfig!.profile, clusterArn })} />
      )}
      {contexts.length > 0 && (progress ? contexts.some((c) => fails(c) && !again.has(c.name)) : result) && (
        <ContextsSummary
          contexts={contexts}
          again={again}
          {...(result ? { files: result.files.filter((f) => f.exists).map((f) => f.path) } : {})}
          checking={Boolean(progress)}
          onShow={show}
        />
      )}
      <div data-testid="contexts" aria-busy={loading}>
        <SpaceBetween size="l">
          {contexts.map((c) => (
            <ContextCard
              key={c.name}
              context={c}
              onAction={act}
              checking={Boolean(progress)}
              again={again.has(c.name)}
              onBox={onBox}
              {...(offers.get(c.name) ? { offerProfile: offers.get(c.name)!.profile, offerWords: offers.get(c.name)!.words, offerAdmin: offers.get(c.name)!.admin } : {})}
              onUseProfile={useProfile}
            />
          ))}
        </SpaceBetween>
      </div>

      {open?.kind === 'use' && (
        <UseWithKubectlModal
          {...(open.context ? { initialContext: open.context } : {})}
          {...(open.profile ? { initialProfile: open.profile } : {})}
          checked={listCall.contexts}
          onClose={close}
          onChanged={onChanged}
        />
      )}
      {open?.kind === 'kubeconfig' && <KubeconfigFixModal fix={open.fix} clusterArn={open.clusterArn} suggestPin={false} onClose={close} onChanged={onChanged} />}
      {open?.kind === 'grant' && (
        <GrantWizard profile={open.profile} clusterArn={open.clusterArn} fix={open.fix} onClose={close} onChanged={onChanged} onAskAdmin={() => setOpen({ kind: 'ask-admin', profile: open.profile, clusterArn: open.clusterArn })} />
      )}
      {open?.kind === 'ask-admin' && <AskAdminWizard profile={open.profile} clusterArn={open.clusterArn} onClose={close} />}
      {open?.kind === 'steps' && (
        <FixStepsModal
          fix={open.fix}
          context={contexts.find((c) => c.name === open.context)}
          again={again.has(open.context ?? '')}
          live={Boolean(progress)}
          onCheck={() => load(contexts.map((c) => c.name))}
          onClose={close}
        />
      )}
    </SpaceBetween>
  );
}
