// "Save as profiles": the chosen identities of a sign-in written as profiles into the app's block of the AWS config
// file. Planned first (the new text and its diff, computed from the bytes read), then written like the kubeconfig
// writes: under the file's lock, only if the file still holds those bytes, rewritten in place, with a backup and
// a record `restore --backup ID` undoes.
import { readFile, realpath, stat } from 'node:fs/promises';
import { applyPlan, type ApplyResult, type BackupRecordSink } from '../kubeconfig/apply.js';
import { unifiedDiff } from '../kubeconfig/diff.js';
import { hashBytes } from '../kubeconfig/read.js';
import type { LoadedProfiles } from '../profiles/load.js';
import { findFence, withSections } from './config-section.js';
import type { Identity } from './identities.js';
import type { SsoSession } from './session.js';

export interface SavedProfile {
  name: string;
  accountId: string;
  roleName: string;
  /** The identity already had a profile the user wrote; it is named, not written again. */
  existing: boolean;
}

export interface SavePlan {
  target: string;
  writePath: string;
  existed: boolean;
  mode?: number;
  before: string;
  after: string;
  baseHash: string;
  diff: string;
  changed: boolean;
  profiles: SavedProfile[];
  message: string;
}

export async function readConfigText(file: string): Promise<{ text: string; bytes?: Buffer; mode?: number; writePath: string }> {
  try {
    const writePath = await realpath(file);
    const [bytes, st] = await Promise.all([readFile(writePath), stat(writePath)]);
    return { text: bytes.toString('utf8'), bytes, mode: st.mode, writePath };
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { text: '', writePath: file };
    throw err;
  }
}

/** The plan for saving `chosen` (identities of `session`); identities that already have a user profile are named, not written. */
export async function planSaveProfiles(loaded: LoadedProfiles, session: SsoSession, chosen: Identity[]): Promise<SavePlan> {
  const target = loaded.files.config;
  const read = await readConfigText(target);
  const sections = new Map<string, string[]>();
  const profiles: SavedProfile[] = [];
  for (const id of chosen) {
    if (id.profile && id.profile !== id.suggestedName) {
      profiles.push({ name: id.profile, accountId: id.accountId, roleName: id.roleName, existing: true });
      continue;
    }
    sections.set(`profile ${id.suggestedName}`, [`sso_session = ${session.name}`, `sso_account_id = ${id.accountId}`, `sso_role_name = ${id.roleName}`, `region = ${session.region}`]);
    profiles.push({ name: id.suggestedName, accountId: id.accountId, roleName: id.roleName, existing: false });
  }
  const sessionOutside = session.inConfig && !ownsSession(read.text, target, session.name);
  if (sections.size && !sessionOutside) {
    sections.set(`sso-session ${session.name}`, [`sso_start_url = ${session.startUrl}`, `sso_region = ${session.region}`, `sso_registration_scopes = ${session.scopes.join(',')}`]);
  }
  const after = sections.size ? withSections(read.text, target, sections) : read.text;
  const written = profiles.filter((p) => !p.existing).length;
  return {
    target,
    writePath: read.writePath,
    existed: read.bytes !== undefined,
    mode: read.mode,
    before: read.text,
    after,
    baseHash: hashBytes(read.bytes),
    diff: unifiedDiff(read.text, after, target, target),
    changed: after !== read.text,
    profiles,
    message: after !== read.text ? `Saved ${written} profile${written === 1 ? '' : 's'} in ${target}` : `${target} already holds these profiles; nothing changed`,
  };
}

function ownsSession(text: string, file: string, name: string): boolean {
  return findFence(text, file)?.sections.has(`sso-session ${name}`) ?? false;
}

export async function applySavePlan(plan: SavePlan, records?: BackupRecordSink, now?: () => Date): Promise<ApplyResult | undefined> {
  if (!plan.changed) return undefined;
  return applyPlan(plan, { records, now, file: 'aws-config' });
}
