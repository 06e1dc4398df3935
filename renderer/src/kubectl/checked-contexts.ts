// The Your kubectl page's last context checks, kept for the "Use with kubectl" window: opened from the top bar, it
// still knows what each context's own profile got on its cluster. Only what the page already shows; nothing is probed.
import type { KubectlContextView } from '../../../shared/contexts-types.js';

let last: KubectlContextView[] | undefined;

export function rememberCheckedContexts(contexts: KubectlContextView[]): void {
  last = contexts;
}

export function lastCheckedContexts(): KubectlContextView[] | undefined {
  return last;
}
