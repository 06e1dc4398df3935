// The banner ten minutes before a sign-in ends, and its one click: renew with the refresh token where the
// sign-in has one, else the browser sign-in (device authorization).
import { useCallback, useState, type ReactNode } from 'react';
import { Button, type FlashbarProps } from '@cloudscape-design/components';
import { expiryWords } from '../../../shared/expiry-words.js';
import type { ProfileView } from '../../../shared/profile-types.js';
import { api } from '../api.js';
import { useCall } from '../useCall.js';
import { useNow } from '../useNow.js';
import { signInGroup } from './expiry.js';
import { SsoSignInModal } from './SsoSignInModal.js';

export function useStaySignedIn(profiles: ProfileView[] | undefined, onUpdate: (view: ProfileView) => void): { items: FlashbarProps.MessageDefinition[]; modal: ReactNode } {
  const now = useNow(15_000);
  const [browserFor, setBrowserFor] = useState<ProfileView | undefined>();
  const renewCall = useCall((name: string) => api['sso.refresh']({ profile: name }));
  /** The profile whose sign-in was renewed last (its name goes on the button's spinner and the failure). */
  const [renewing, setRenewing] = useState<string | undefined>();
  const [done, setDone] = useState<string | undefined>();
  const [dismissed, setDismissed] = useState<Set<string>>(new Set());
  // Sign-in group → the expiry just renewed. A list or status event read before the renewal may still carry that
  // expiry (in any date format); it must not bring the banner back.
  const [renewed, setRenewed] = useState<Map<string, number>>(new Map());

  const { run: runRenew } = renewCall;
  const renew = useCallback(async (p: ProfileView) => {
    setRenewing(p.name);
    setDone(undefined);
    const r = await runRenew(p.name);
    if (!r) return;
    if (r.refreshed && r.result) {
      onUpdate(r.result);
      const group = signInGroup(p);
      if (group && p.signIn) setRenewed((prev) => new Map(prev).set(group, Date.parse(p.signIn!.expiresAt)));
      setDone(r.result.signIn ? `${p.name}, ${expiryWords(r.result.signIn.expiresAt, new Date(), 'sign-in').text.replace(/^Signed in /, '')}.` : `${p.name}.`);
    } else setBrowserFor(p);
  }, [onUpdate, runRenew]);
  const busy = renewCall.running ? renewing : undefined;
  const error = renewCall.error && `${renewing}: the sign-in could not be renewed — ${renewCall.error.message}`;

  // One banner per sign-in that ends within ten minutes (several profiles may share it).
  const groups = new Map<string, ProfileView[]>();
  for (const p of profiles ?? []) {
    if (!p.signIn || p.status === 'checking') continue;
    const words = expiryWords(p.signIn.expiresAt, new Date(now), 'sign-in');
    const group = signInGroup(p);
    const key = `${group}|${p.signIn.expiresAt}`;
    if (words.tone !== 'soon' || dismissed.has(key)) continue;
    if (group && Date.parse(p.signIn.expiresAt) <= (renewed.get(group) ?? -Infinity)) continue;
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  const items: FlashbarProps.MessageDefinition[] = [...groups].map(([key, ps]) => {
    const first = ps[0]!;
    const words = expiryWords(first.signIn!.expiresAt, new Date(now), 'sign-in');
    const names = ps.length > 3 ? `${ps.slice(0, 3).map((p) => p.name).join(', ')} and ${ps.length - 3} more` : ps.map((p) => p.name).join(', ');
    return {
      id: `expiry-${key}`,
      type: 'warning',
      header: 'Your AWS sign-in ends soon',
      content: (
        <span data-testid="expiry-banner" data-profile={first.name}>
          {words.text}. After that, kubectl and the aws CLI fail for {names} until you sign in again.
          {first.signIn!.canRefresh ? ' The app can renew it now, without the browser.' : ' Signing in again opens your sign-in page.'}
        </span>
      ),
      action: (
        <Button data-testid="stay-signed-in" loading={busy === first.name} onClick={() => void renew(first)}>
          {first.signIn!.canRefresh ? 'Stay signed in' : 'Sign in again'}
        </Button>
      ),
      dismissible: true,
      dismissLabel: 'Hide this warning',
      onDismiss: () => setDismissed((prev) => new Set(prev).add(key)),
    };
  });
  if (done) items.push({ id: 'expiry-done', type: 'success', content: <span data-testid="signed-in-again">Signed in again: {done}</span>, dismissible: true, onDismiss: () => setDone(undefined) });
  if (error) items.push({ id: 'expiry-error', type: 'error', content: error, dismissible: true, onDismiss: renewCall.reset });
  const modal = browserFor ? <SsoSignInModal profile={browserFor} onClose={() => setBrowserFor(undefined)} onSignedIn={onUpdate} /> : null;
  return { items, modal };
}
