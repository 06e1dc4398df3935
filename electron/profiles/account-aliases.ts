// The account aliases the Profiles service knows, by account ID: read once per account, beside the checks and never
// inside one (a profile's status never waits for its alias), and kept for the process.
import type { AwsCredentialIdentity } from '@smithy/types';
import { withDeadline } from '../common/deadline.js';
import type { AliasAnswer } from './account-alias-request.js';

/** One alias read never runs longer than this. */
export const ALIAS_DEADLINE_MS = 10_000;

/** What IAM allows in an alias; anything else is not shown. */
const ALIAS = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export type ReadAliases = (region: string, credentials: AwsCredentialIdentity, signal: AbortSignal) => Promise<AliasAnswer>;

interface Asker {
  profile: string;
  region: string;
  credentials: AwsCredentialIdentity;
}

interface Entry {
  /** The alias, or null when the account has none. Undefined until some profile could read it. */
  alias?: string | null;
  /** The generation of the last read that answered: an older one is shown until a read of the current one answers. */
  readIn?: number;
  /** Profiles already asked in `askedIn` (one that may not read it is not asked again). */
  asked: Set<string>;
  askedIn: number;
  /** Profiles of the account checked while a read was in flight: the next one asks if that read is refused. */
  next: Asker[];
  reading?: Promise<void>;
}

export class AccountAliases {
  private readonly entries = new Map<string, Entry>();
  private generation = 0;

  constructor(
    private readonly read: ReadAliases,
    private readonly changed: (account: string) => void,
    private readonly deadlineMs = ALIAS_DEADLINE_MS,
  ) {}

  /** The account's alias, once some profile could read it. */
  get(account: string): string | undefined {
    return this.entries.get(account)?.alias ?? undefined;
  }

  /** The profile set changed: read each account again the next time a profile of it is checked (the old alias shows until then). */
  refresh(): void {
    this.generation++;
  }

  /**
   * Reads the account's alias with this profile's credentials, unless this generation already read it or this
   * profile was already asked; while another read is in flight, the profile waits its turn in case that one is
   * refused. Never throws; `changed` tells when the alias shown for the account changes.
   */
  want(account: string, profile: string, region: string, credentials: AwsCredentialIdentity): void {
    let entry = this.entries.get(account);
    if (!entry) this.entries.set(account, (entry = { asked: new Set(), askedIn: this.generation, next: [] }));
    if (entry.askedIn !== this.generation) {
      entry.asked.clear();
      entry.next = [];
      entry.askedIn = this.generation;
    }
    if (entry.readIn === this.generation || entry.asked.has(profile)) return;
    entry.asked.add(profile);
    if (entry.reading) entry.next.push({ profile, region, credentials });
    else this.start(account, entry, { profile, region, credentials });
  }

  private start(account: string, e: Entry, asker: Asker): void {
    const generation = this.generation;
    const reading = withDeadline(this.deadlineMs, () => new Error('IAM ListAccountAliases did not answer in time'), (signal) => this.read(asker.region, asker.credentials, signal)).then(
      (answer) => answer,
      () => undefined,
    );
    const done: Promise<void> = reading.then((answer) => {
      e.reading = undefined;
      if (answer?.ok) {
        const alias = answer.aliases.find((a) => ALIAS.test(a)) ?? null;
        const before = e.alias;
        e.alias = alias;
        e.readIn = generation;
        e.next = [];
        if (before !== alias) this.changed(account);
        return;
      }
      // Refused (AccessDenied: most profiles may not read it) or no answer: what is shown stays, the next profile of the account tries.
      const next = e.next.shift();
      if (next && e.askedIn === generation) this.start(account, e, next);
    });
    e.reading = done;
  }

  /** Waits for every read in flight (the CLI, tests). */
  async settled(): Promise<void> {
    for (;;) {
      const pending = [...this.entries.values()].flatMap((e) => (e.reading ? [e.reading] : []));
      if (!pending.length) return;
      await Promise.all(pending);
    }
  }
}
