import type { LegendKey } from './expectations.js';
import { OUTCOME_WORD } from './format.js';
import { KubectlTag } from './GridRow.js';
import { OutcomeIcon } from './OutcomeIcon.js';

interface Props {
  /** The words some shown cell reads, with how many read each (no chip of 0). */
  chips: LegendKey[];
  counts: Record<LegendKey, number>;
  /** Whether some cell is tagged "kubectl", and whether one is kubectl's current context ("kubectl ★"). */
  kubectl: { any: boolean; current: boolean };
  filtered: boolean;
}

/** What the cells show, counted, and what their "kubectl" tags mean. */
export function MatrixLegend({ chips, counts, kubectl, filtered }: Props) {
  return (
    <div className="mx-legend" aria-label={filtered ? 'Cells shown, by what they show' : 'Cells, by what they show'} data-testid="matrix-legend">
      {chips.map((k) =>
        k === 'NOT_EXPECTED' ? (
          <span key={k} className="mx-legend-item mx-unexpected" data-outcome={k} title="Another account's profile that nothing names or maps: shown greyed">
            Not expected: {counts[k]}
          </span>
        ) : (
          <span key={k} className={`mx-legend-item mx-${k.toLowerCase()}`} data-outcome={k}>
            <OutcomeIcon outcome={k} />
            {OUTCOME_WORD[k]}: {counts[k]}
          </span>
        ),
      )}
      {kubectl.any && (
        <span className="mx-legend-kubectl" data-testid="legend-kubectl">
          <KubectlTag tag="kubectl" current={false} spoken /> = a context of your kubeconfig uses this profile on this cluster
        </span>
      )}
      {kubectl.current && (
        <span className="mx-legend-kubectl" data-testid="legend-kubectl-current">
          <KubectlTag tag="kubectl ★" current spoken /> = the cluster and profile your kubectl uses now (its current context)
        </span>
      )}
    </div>
  );
}
