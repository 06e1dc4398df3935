import { MATRIX_OUTCOMES, type MatrixCell, type MatrixCellEvidence, type MatrixOutcome, type MatrixProbeStep } from '../../shared/matrix-types.js';

/** What one profile can do on one cluster (docs/cli.md, cell outcomes); the contract's list. */
export const CELL_OUTCOMES = MATRIX_OUTCOMES;
export type CellOutcome = MatrixOutcome;

/** The questions every probe asks with a SelfSubjectAccessReview. */
export type AccessQuestion = 'list services in default' | 'get configmap aws-auth in kube-system' | 'update configmap aws-auth in kube-system' | '* on *';

/** One step of a probe (TLS connect, token, Kubernetes call), as evidence. No tokens, no keys. */
export interface ProbeStep extends MatrixProbeStep {
  call: 'connect' | 'token' | 'SelfSubjectReview' | `SelfSubjectAccessReview: ${AccessQuestion}`;
}

/** The contract's cell evidence with the probe's precise step names. */
export interface CellEvidence extends MatrixCellEvidence {
  steps: ProbeStep[];
}

/** One cell of the matrix as the probe makes it: the contract's MatrixCell (shared/matrix-types.ts). */
export interface CellResult extends MatrixCell {
  evidence: CellEvidence;
}
