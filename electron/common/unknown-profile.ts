// The one "unknown profile" failure, with one wording, for the app (dispatch turns it into PROFILE_NOT_FOUND)
// and the CLI (a usage error, exit 2).
import { ContractError } from '../../shared/contract-kit.js';

/** `no profile named "a"` (or `"a", "b"`), and where the profiles were looked for when that is known. */
export function unknownProfileMessage(names: string | string[], files?: { config: string; credentials: string }): string {
  const list = (Array.isArray(names) ? names : [names]).map((n) => `"${n}"`).join(', ');
  return `no profile named ${list}${files ? ` in ${files.config} or ${files.credentials}` : ''}`;
}

export class UnknownProfileError extends ContractError {
  constructor(names: string | string[], files?: { config: string; credentials: string }) {
    super('PROFILE_NOT_FOUND', unknownProfileMessage(names, files));
    this.name = 'UnknownProfileError';
  }
}
