// Ten minutes before a sign-in or a profile's temporary credentials expire, one warning (an event: the
// desktop notification in Electron, a banner in the browser). Profiles on the same sign-in share one warning.
import { EXPIRY_WARNING_MS } from '../../shared/expiry-words.js';
import type { ExpiryWarning, ProfileView } from '../../shared/profile-types.js';

interface Planned {
  warning: ExpiryWarning;
  timer?: NodeJS.Timeout;
  sent: boolean;
}

function keyOf(view: ProfileView): { key: string; kind: ExpiryWarning['kind']; expiresAt: string; canRefresh: boolean } | undefined {
  if (view.signIn) {
    const sso = view.sso;
    return { key: sso?.session ? `session:${sso.session}` : `url:${sso?.startUrl ?? view.name}`, kind: 'sign-in', expiresAt: view.signIn.expiresAt, canRefresh: view.signIn.canRefresh };
  }
  if (view.expiresAt && view.status === 'valid') return { key: `profile:${view.name}`, kind: 'credentials', expiresAt: view.expiresAt, canRefresh: false };
  return undefined;
}

export class ExpiryWarnings {
  private readonly planned = new Map<string, Planned>();

  constructor(private readonly send: (warning: ExpiryWarning) => void, private readonly now: () => Date = () => new Date()) {}

  /** Called with every checked profile row. */
  update(view: ProfileView): void {
    if (view.status === 'checking' || view.status === 'unchecked') return;
    const k = keyOf(view);
    for (const [key, p] of this.planned) {
      if (key !== k?.key && p.warning.profiles.includes(view.name)) {
        p.warning.profiles = p.warning.profiles.filter((n) => n !== view.name);
        if (!p.warning.profiles.length) this.drop(key);
      }
    }
    if (!k) return;
    const at = Date.parse(k.expiresAt);
    const existing = this.planned.get(k.key);
    if (existing && existing.warning.expiresAt === k.expiresAt) {
      if (!existing.warning.profiles.includes(view.name)) existing.warning.profiles.push(view.name);
      existing.warning.canRefresh = k.canRefresh;
      return;
    }
    this.drop(k.key);
    if (at <= this.now().getTime()) return;
    const planned: Planned = { warning: { profile: view.name, profiles: [view.name], kind: k.kind, expiresAt: k.expiresAt, canRefresh: k.canRefresh }, sent: false };
    this.planned.set(k.key, planned);
    const fire = () => {
      if (planned.sent) return;
      planned.sent = true;
      this.send({ ...planned.warning, profiles: [...planned.warning.profiles] });
    };
    // Already inside the ten minutes: warn shortly, once the other profiles of the sign-in are checked too.
    const wait = Math.max(200, at - EXPIRY_WARNING_MS - this.now().getTime());
    // setTimeout holds at most ~24.8 days; a longer one is planned when the profile is next checked.
    if (wait > 2 ** 31 - 1) return;
    planned.timer = setTimeout(fire, wait);
    planned.timer.unref();
  }

  close(): void {
    for (const key of [...this.planned.keys()]) this.drop(key);
  }

  private drop(key: string): void {
    const p = this.planned.get(key);
    if (p?.timer) clearTimeout(p.timer);
    this.planned.delete(key);
  }
}
