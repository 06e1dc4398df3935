// Section names as the aws CLI reads them (checked with aws-cli 1.45, see docs/aws-config-files.md), and the lines
// that make it refuse a whole file.
import { expect, it } from 'vitest';
import { lintIniFile } from '../../electron/profiles/ini-lint.js';
import { parseIniSections } from '../../electron/profiles/ini-parse.js';

it('reads profile names with any letters, quoted names, and skips what the aws CLI skips', () => {
  const config = [
    '[default]', 'region = us-east-1', '[profile café]', 'region = eu-west-3', '[profile 开发]', 'region = cn-north-1',
    '[profile "two words"]', 'region = a', '[profile  spaced]', 'region = b', '[ profile nope]', 'region = c', '[preview]', 'x = 1',
    '[profile a.b]', 's3 =', '  addressing_style = path', 'region = d', '[sso-session corp]', 'sso_region = us-east-1',
  ].join('\n');
  const { profiles, ssoSessions } = parseIniSections(config, 'config');
  expect(Object.keys(profiles)).toEqual(['default', 'café', '开发', 'two words', 'spaced', 'a.b']);
  expect(profiles['a.b']).toEqual({ 's3.addressing_style': 'path', region: 'd' });
  expect(ssoSessions.corp).toEqual({ sso_region: 'us-east-1' });
  expect(Object.keys(parseIniSections('[开发]\naws_access_key_id = A\n[profile x]\nregion = r\n', 'credentials').profiles)).toEqual(['开发']);
});

it('marks the lines that make the aws CLI refuse the file, and only those', () => {
  const refused = (text: string) => lintIniFile('/f', text, 'config').filter((p) => p.refusal).map((p) => [p.line, p.refusal]);
  expect(refused('[profile x]\nregion = a\n[profile y]\nregion = b\n[profile x]\nregion = c\n')).toEqual([[5, 'section [profile x] already exists (first on line 1)']]);
  expect(refused('[profile x]\nregion = a\nREGION = b\n[profile y]\nregion = c\n')).toEqual([[3, 'region is set twice in [profile x] (first on line 2)']]);
  expect(refused('region = a\n[profile x]\n= b\nnot a setting\n')).toEqual([[1, 'setting outside of any [section]'], [3, 'setting without a name before "="'], [4, 'not a "key = value" line']]);
  // Accepted by the aws CLI: two spellings of one profile, a "key: value" line, a continued value, a sub-section.
  expect(refused('[profile x]\nregion = a\n[profile  x]\nregion = b\noutput: json\ncli_pager = a\n  more\ns3 =\n  addressing_style = path\n')).toEqual([]);
});
