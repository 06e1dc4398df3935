// The section of the AWS config file the app owns: everything between its BEGIN and END lines. The app rewrites
// only that text; every byte outside it stays as it was. Inside, one [sso-session] section (when the file has
// none for the sign-in) and one [profile] per saved identity, in a fixed form, so saving twice writes nothing.
export const BEGIN_LINE = '# BEGIN EKS Access Doctor: IAM Identity Center profiles';
export const END_LINE = '# END EKS Access Doctor: IAM Identity Center profiles';
const NOTE_LINE = '# Written by EKS Access Doctor, which rewrites this block: edit profiles outside it to keep your changes.';

export class ConfigSectionError extends Error {}

export interface Fence {
  /** Offsets of the block in the text: [start of the BEGIN line, end of the END line incl. its newline). */
  start: number;
  end: number;
  /** The sections inside, by header (e.g. "profile acme-prod-Admin"), each as its key = value lines. */
  sections: Map<string, string[]>;
}

/** The app's block in a config file's text, or undefined; a broken block (BEGIN without END…) is an error. */
export function findFence(text: string, file: string): Fence | undefined {
  const lines = text.split('\n');
  let offset = 0;
  let start = -1;
  let end = -1;
  const bodyLines: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\r$/, '');
    const next = offset + raw.length + 1;
    if (line === BEGIN_LINE) {
      if (start >= 0) throw new ConfigSectionError(`${file} has the line "${BEGIN_LINE}" twice; remove one block by hand, then save again`);
      start = offset;
    } else if (line === END_LINE) {
      if (start < 0 || end >= 0) throw new ConfigSectionError(`${file} has "${END_LINE}" without its BEGIN line above it; remove it by hand, then save again`);
      end = Math.min(next, text.length);
    } else if (start >= 0 && end < 0) bodyLines.push(line);
    offset = next;
  }
  if (start < 0) return undefined;
  if (end < 0) throw new ConfigSectionError(`${file} has "${BEGIN_LINE}" without its END line; fix the block by hand, then save again`);
  const sections = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of bodyLines) {
    const header = /^\[([^\]]+)\]\s*$/.exec(line);
    if (header) sections.set(header[1]!.trim(), (current = []));
    else if (current && line.trim() && !line.trimStart().startsWith('#')) current.push(line.trim());
  }
  return { start, end, sections };
}

/** Profile names the app's block defines (they may be rewritten under the same name). */
export function ownedProfileNames(text: string): Set<string> {
  let fence: Fence | undefined;
  try {
    fence = findFence(text, 'config');
  } catch {
    return new Set();
  }
  return new Set([...(fence?.sections.keys() ?? [])].filter((h) => h.startsWith('profile ')).map((h) => h.slice('profile '.length).trim()));
}

/**
 * The text with the block holding `sections` (merged over what the block held: same header replaced, others
 * kept). A file without a block gets it at its end, after one blank line; the original text stays its prefix.
 */
export function withSections(text: string, file: string, sections: Map<string, string[]>): string {
  const fence = findFence(text, file);
  const merged = new Map(fence?.sections ?? []);
  for (const [header, lines] of sections) merged.set(header, lines);
  const ordered = [...merged].sort(([a], [b]) => rank(a) - rank(b));
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const body = [BEGIN_LINE, NOTE_LINE, ...ordered.flatMap(([h, lines], i) => [...(i ? [''] : []), `[${h}]`, ...lines]), END_LINE].join(eol) + eol;
  if (fence) return text.slice(0, fence.start) + body + text.slice(fence.end);
  const separator = text === '' ? '' : text.endsWith('\n') ? eol : eol + eol;
  return text + separator + body;
}

/** sso-session sections first, then profiles: a reader sees what the profiles refer to before them. */
const rank = (header: string) => (header.startsWith('sso-session ') ? 0 : 1);
