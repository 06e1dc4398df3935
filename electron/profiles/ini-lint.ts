/**
 * Finds the lines of an AWS config/credentials file that the SDK's parser
 * (@smithy/shared-ini-file-loader) would silently skip and the aws CLI (configparser) rejects.
 * It does not parse values — parsing is the SDK's job; this only locates what is broken.
 */
import type { ConfigProblem } from '../../shared/profile-types.js';

const PREFIXED_SECTION = /^(profile|sso-session|services)\s+\S/;

export function lintIniFile(file: string, text: string, kind: 'config' | 'credentials'): ConfigProblem[] {
  const problems: ConfigProblem[] = [];
  let inSection = false;
  let inSubSection = false;
  let brokenHeader = 0; // line of an unclosed [header]: what follows lands in the section above it
  let section = '';
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, index) => {
    const line = index + 1;
    const content = raw.split(/(^|\s)[;#]/)[0]!.trim();
    if (content === '') return;
    const problem = (message: string) => problems.push({ file, line, message, text: raw.trim().slice(0, 200) });
    if (content.startsWith('[')) {
      inSubSection = false;
      if (!content.endsWith(']')) {
        brokenHeader = line;
        problem('section header is not closed with "]"');
        return;
      }
      inSection = true;
      brokenHeader = 0;
      const name = content.slice(1, -1).trim();
      section = name;
      if (name === '') problem('empty section name');
      else if (name === '__proto__' || name === 'profile __proto__') problem(`invalid profile name "${name}"; the SDK rejects the whole file`);
      else if (kind === 'config' && name !== 'default' && !PREFIXED_SECTION.test(name)) {
        problem(`[${name}] is ignored in the config file: write [profile ${name}]`);
      }
      return;
    }
    if (!inSection) {
      problem('setting outside of any [section]');
      return;
    }
    const eq = content.indexOf('=');
    if (eq > 0 && brokenHeader) {
      problem(`read as part of [${section}]: the header on line ${brokenHeader} is broken`);
      return;
    }
    if (eq > 0) {
      const value = content.slice(eq + 1).trim();
      if (value === '') inSubSection = true;
      else if (raw.trimStart() === raw) inSubSection = false;
      return;
    }
    if (eq === 0) problem('setting without a name before "="');
    else if (inSubSection && raw.trimStart() !== raw) problem('nested setting without "="');
    else problem('not a "key = value" line');
  });
  return problems;
}
