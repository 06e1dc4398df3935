import type { ReactElement } from 'react';
import type { MatrixOutcome } from '../../../shared/matrix-types.js';

// Small stroke icons (16 px) so each outcome has a shape of its own, not only a colour.
const PATHS: Record<MatrixOutcome | 'PENDING', ReactElement> = {
  ADMIN: (
    <>
      <path d="M8 1.5 2.5 3.5v4c0 3.3 2.4 5.9 5.5 7 3.1-1.1 5.5-3.7 5.5-7v-4L8 1.5Z" />
      <path d="m5.5 8 1.8 1.8L10.8 6.3" />
    </>
  ),
  ACCESS: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="m5 8.2 2 2L11 6" />
    </>
  ),
  FORBIDDEN: (
    <>
      <circle cx="8" cy="8" r="6.5" />
      <path d="M3.4 12.6 12.6 3.4" />
    </>
  ),
  UNAUTHORIZED: (
    <>
      <rect x="3" y="7" width="10" height="7.5" rx="1" />
      <path d="M5.3 7V5a2.7 2.7 0 0 1 5.4 0v2" />
    </>
  ),
  NO_CREDENTIALS: (
    <>
      <circle cx="5" cy="8" r="3" />
      <path d="M8 8h6.5M12 8v2.5M14.5 8v2" />
    </>
  ),
  UNREACHABLE: (
    <>
      <path d="M6.5 9.5 4.7 11.3a2.1 2.1 0 0 1-3-3L3.5 6.5M9.5 6.5l1.8-1.8a2.1 2.1 0 0 1 3 3L12.5 9.5" />
      <path d="M2 2l12 12" />
    </>
  ),
  ERROR: (
    <>
      <path d="M8 1.8 14.8 14H1.2L8 1.8Z" />
      <path d="M8 6.2v3.6M8 11.6v.4" />
    </>
  ),
  PENDING: (
    <>
      <circle cx="3.5" cy="8" r=".6" />
      <circle cx="8" cy="8" r=".6" />
      <circle cx="12.5" cy="8" r=".6" />
    </>
  ),
};

export function OutcomeIcon({ outcome }: { outcome: MatrixOutcome | 'PENDING' }) {
  return (
    <svg className="mx-icon" width="16" height="16" viewBox="0 0 16 16" fill="none" stroke="currentColor" strokeWidth="1.6" strokeLinecap="round" strokeLinejoin="round" aria-hidden="true" focusable="false">
      {PATHS[outcome]}
    </svg>
  );
}
