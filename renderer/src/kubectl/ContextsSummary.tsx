import { Box, Button, Spinner } from '@cloudscape-design/components';
import type { KubectlContextView } from '../../../shared/contexts-types.js';
import type { ListProgress } from './useContextsList.js';
import { fails, ORDER_WORDS, summaryName } from './order.js';

const WHAT = "running each context's credential helper exactly as kubectl would, asking AWS who the token belongs to, and asking the cluster what that identity may do";

/** While the cards are checked: how many are done, and what "checking" is. */
export function ContextsProgressLine({ progress }: { progress: ListProgress }) {
  const { total, checked } = progress;
  const words = checked < total ? `Checking your Amazon EKS contexts: ${checked} of ${total} done…` : `All ${total} checked; finding out why the failing ones fail…`;
  return (
    <Box data-testid="contexts-progress" data-checked={checked} data-total={total}>
      <Spinner /> {words}
    </Box>
  );
}

/** Before the first step comes. */
export function ContextsLoadingLine() {
  return (
    <Box data-testid="contexts-loading">
      <Spinner /> Reading your kubeconfig, then {WHAT}…
    </Box>
  );
}

interface SummaryProps {
  /** In the page's order. */
  contexts: KubectlContextView[];
  /** The kubeconfig files read (not known yet while the first list runs). */
  files?: string[];
  /** The list is still running: the failing ones found so far are named, their causes come later. */
  checking?: boolean;
  /** Cards shown with their last answer while they are checked again: not named until their new answer comes. */
  again?: ReadonlySet<string>;
  /** Scrolls to a card and moves the focus to it. */
  onShow: (name: string) => void;
}

/** Which contexts fail, each a button to its card; then where they come from and the order of the cards. */
export function ContextsSummary({ contexts, files, checking = false, again, onShow }: SummaryProps) {
  const failing = contexts.filter((c) => fails(c) && !again?.has(c.name));
  const count = `${contexts.length} ${contexts.length === 1 ? 'context' : 'contexts'}`;
  const lead = checking
    ? `So far ${failing.length} of your ${count} ${failing.length === 1 ? 'fails' : 'fail'}: `
    : contexts.length === 1
      ? 'Your context fails: '
      : `${failing.length} of your ${count} ${failing.length === 1 ? 'fails' : 'fail'}: `;
  const after = checking
    ? '. Each card says why as soon as that is found out.'
    : failing.length === 1
      ? '. Its card says why, and what to do.'
      : ". Each one's card says why, and what to do.";
  return (
    <div data-testid="contexts-summary" data-checking={String(checking)}>
      {failing.length === 0 ? (
        <Box variant="p">Every Amazon EKS context of your {count} works.</Box>
      ) : (
        <Box variant="p">
          <strong>{lead}</strong>
          {failing.map((c, i) => (
            <span key={c.name}>
              {i > 0 && ', '}
              <Button variant="inline-link" onClick={() => onShow(c.name)} data-testid="summary-link" data-context={c.name} ariaLabel={`Go to ${summaryName(c, contexts)}, which fails`}>
                {summaryName(c, contexts)}
              </Button>
            </span>
          ))}
          {after}
        </Box>
      )}
      {(files || contexts.length > 1) && (
        <Box variant="small" color="text-body-secondary">
          {files && `Read from ${files.join(', ')}. `}
          {contexts.length > 1 && <span data-testid="contexts-order">{ORDER_WORDS}</span>}
        </Box>
      )}
    </div>
  );
}
