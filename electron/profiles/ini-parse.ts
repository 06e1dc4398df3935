/**
 * The profiles and sso-sessions of an AWS config or credentials file, read as the SDK's shared-ini loader reads
 * them (comments, `key =` sub-sections, later keys win) — except that a name may hold any letters: the aws CLI
 * accepts `[profile café]` and `[profile 开发]`, which the SDK's loader drops. Problems are ini-lint's job.
 */

export interface IniSections {
  profiles: Record<string, Record<string, string>>;
  ssoSessions: Record<string, Record<string, string>>;
}

/** `profile NAME` as botocore splits it (shlex): one word, or one quoted string. */
const PREFIXED = /^(profile|sso-session|services)\s+(?:"([^"]*)"|'([^']*)'|(\S+))\s*$/u;
const BLOCKED = new Set(['__proto__']);

export function parseIniSections(text: string, kind: 'config' | 'credentials'): IniSections {
  const out: IniSections = { profiles: Object.create(null), ssoSessions: Object.create(null) };
  let target: Record<string, string> | undefined;
  let subSection: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.split(/(^|\s)[;#]/)[0]!.trim();
    if (line.startsWith('[') && line.endsWith(']')) {
      target = sectionOf(out, line.slice(1, -1), kind);
      subSection = undefined;
      continue;
    }
    const eq = line.indexOf('=');
    if (!target || eq <= 0) continue;
    const key = line.slice(0, eq).trim();
    const value = line.slice(eq + 1).trim();
    if (value === '') {
      subSection = key;
      continue;
    }
    if (subSection && raw.trimStart() === raw) subSection = undefined;
    target[subSection ? `${subSection}.${key}` : key] = value;
  }
  return out;
}

function sectionOf(out: IniSections, header: string, kind: 'config' | 'credentials'): Record<string, string> | undefined {
  const m = PREFIXED.exec(header);
  let map: Record<string, Record<string, string>> | undefined;
  let name: string | undefined;
  if (m) {
    // A prefixed section in the credentials file is not a profile (the SDK skips it too).
    if (kind === 'config' && m[1] === 'profile') map = out.profiles;
    else if (kind === 'config' && m[1] === 'sso-session') map = out.ssoSessions;
    name = m[2] ?? m[3] ?? m[4];
  } else if (kind === 'credentials' || header === 'default') {
    // In the config file only [default] needs no prefix; [name] there is ignored, as the aws CLI does.
    map = /^(profile|sso-session|services)\s/.test(header) ? undefined : out.profiles;
    name = header;
  }
  if (!map || !name || BLOCKED.has(name)) return undefined;
  return (map[name] ??= {});
}
