/**
 * Finds the lines of an AWS config/credentials file that a lenient parser would silently skip and the aws CLI
 * (Python's configparser, strict) rejects. A line configparser rejects makes the aws CLI refuse the whole file —
 * every profile, and kubectl through its exec plugin: such a problem carries `refusal`, the reason in one phrase.
 * It does not parse values; this only locates what is broken.
 */
import type { ConfigProblem } from '../../shared/profile-types.js';

const PREFIXED_SECTION = /^(profile|sso-session|services)\s+\S/;

export interface LintProblem extends ConfigProblem {
  /** Set when the aws CLI refuses the whole file because of this line. */
  refusal?: string;
}

const REFUSED = 'the aws CLI refuses the whole file';

export function lintIniFile(file: string, text: string, kind: 'config' | 'credentials'): LintProblem[] {
  const problems: LintProblem[] = [];
  const sectionLines = new Map<string, number>();
  let keyLines = new Map<string, number>();
  let inSection = false;
  let inSubSection = false;
  let brokenHeader = 0; // line of an unclosed [header]: what follows lands in the section above it
  let section = '';
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.split(/(^|\s)[;#]/)[0]!.trim();
    if (content === '') return;
    const problem = (message: string, refusal?: string) =>
      problems.push({ file, line, message, text: raw.trim().slice(0, 200), ...(refusal ? { refusal } : {}) });
    const refused = (message: string) => problem(message, message);
    if (content.startsWith('[')) {
      inSubSection = false;
      keyLines = new Map();
      if (!content.endsWith(']')) {
        brokenHeader = line;
        refused('section header is not closed with "]"');
        return;
      }
      inSection = true;
      brokenHeader = 0;
      const header = content.slice(1, -1);
      const name = header.trim();
      section = name;
      const first = sectionLines.get(header);
      if (header !== '' && first !== undefined) {
        const why = `section [${header}] already exists (first on line ${first})`;
        problem(`${why}: ${REFUSED}`, why);
        return;
      }
      sectionLines.set(header, line);
      if (name === '') refused('empty section name');
      else if (name === '__proto__' || name === 'profile __proto__') problem(`profile name "${name}" is not supported; this section is ignored`);
      else if (kind === 'config' && name !== 'default' && !PREFIXED_SECTION.test(name)) {
        problem(`[${name}] is ignored in the config file: write [profile ${name}]`);
      }
      return;
    }
    if (!inSection) {
      refused('setting outside of any [section]');
      return;
    }
    const eq = content.indexOf('=');
    const indented = raw.trimStart() !== raw;
    if (eq > 0 && brokenHeader) {
      problem(`read as part of [${section}]: the header on line ${brokenHeader} is broken`);
      return;
    }
    if (eq > 0) {
      const value = content.slice(eq + 1).trim();
      if (value === '') inSubSection = true;
      else if (!indented) inSubSection = false;
      // configparser reads an indented line as the previous value's continuation, not as a key; keys ignore case.
      const key = content.slice(0, eq).trim().toLowerCase();
      const first = keyLines.get(key);
      if (!indented && first !== undefined) {
        const why = `${key} is set twice in [${section}] (first on line ${first})`;
        problem(`${why}: ${REFUSED}`, why);
      } else if (!indented) keyLines.set(key, line);
      return;
    }
    if (eq === 0) refused('setting without a name before "="');
    else if (inSubSection && indented) refused('nested setting without "="');
    else if (indented || content.includes(':')) problem('not a "key = value" line');
    else refused('not a "key = value" line');
  });
  return problems;
}
