// The aws-auth parse rule (docs/aws-auth-parsing.md), one table for both readers: the app's (diagnosis, grants,
// guard) and the sandbox's (what the simulated authenticator maps). Each row quotes the part of
// aws-iam-authenticator's ParseMap (pkg/mapper/configmap/configmap.go) that decides it.
import { describe, expect, it } from 'vitest';
import { readAwsAuth } from '../../electron/authmap/aws-auth-read.js';
import { parseAwsAuth } from '../../sandbox/k8s/aws-auth.js';

const A = '111122223333';
const NODE = `- rolearn: arn:aws:iam::${A}:role/node\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:nodes\n`;
const SRE = (groups: string) => `- rolearn: arn:aws:iam::${A}:role/SRE\n  username: sre\n  groups: ${groups}\n`;
const ALICE = `- userarn: arn:aws:iam::${A}:user/alice\n  username: alice\n  groups: [viewers]\n`;

interface Row {
  name: string;
  /** What the authenticator's code does with it. */
  authenticator: string;
  data: Record<string, string>;
  /** Lower-cased ARNs that map, and the accounts. */
  mapped: string[];
  accounts?: string[];
  /** Keys ignored as a whole. */
  malformed: string[];
  /** A fragment of the first malformed key's reason (line and column where YAML gives them). */
  reason?: string;
}

const ROWS: Row[] = [
  {
    name: 'well-formed keys map everything',
    authenticator: 'ToJSON and json.Unmarshal succeed; every item passes Validate()',
    data: { mapRoles: NODE + SRE('[system:masters]'), mapUsers: ALICE, mapAccounts: `- "444455556666"\n` },
    mapped: [`arn:aws:iam::${A}:role/node`, `arn:aws:iam::${A}:role/sre`, `arn:aws:iam::${A}:user/alice`],
    accounts: ['444455556666'],
    malformed: [],
  },
  {
    name: 'a key whose text is not YAML maps nobody; the other keys still apply',
    authenticator: 'utilyaml.ToJSON fails: "errs = append(errs, err)" and no mapping of that key is kept',
    data: { mapRoles: NODE + SRE('[system:masters'), mapUsers: ALICE },
    mapped: [`arn:aws:iam::${A}:user/alice`],
    malformed: ['mapRoles'],
    reason: 'not valid YAML at line 7, column 26',
  },
  {
    name: 'tabs used for indentation are not YAML',
    authenticator: 'the YAML scanner refuses a tab that starts a token; ToJSON fails',
    data: { mapUsers: `- userarn: arn:aws:iam::${A}:user/alice\n\tusername: alice\n` },
    mapped: [],
    malformed: ['mapUsers'],
    reason: 'not valid YAML at line 2',
  },
  {
    name: 'groups written as a string: the item does not decode, and its whole key is ignored',
    authenticator: 'json.Unmarshal into []RoleMapping reports "cannot unmarshal string into … groups of type []string"',
    data: { mapRoles: NODE + SRE('system:masters'), mapUsers: ALICE },
    mapped: [`arn:aws:iam::${A}:user/alice`],
    malformed: ['mapRoles'],
    reason: 'item #2: groups must be a list of strings',
  },
  {
    name: 'a number where a string belongs does not decode',
    authenticator: 'json.Unmarshal: "cannot unmarshal number into … username of type string"',
    data: { mapUsers: `- userarn: arn:aws:iam::${A}:user/alice\n  username: 1234\n` },
    mapped: [],
    malformed: ['mapUsers'],
    reason: 'username must be a string (got 1234)',
  },
  {
    name: 'YAML 1.1 booleans (yes/no/on/off) are not strings',
    authenticator: 'ToJSON reads YAML 1.1 with yaml.v2: "username: yes" becomes true, which a string field refuses',
    data: { mapUsers: `- userarn: arn:aws:iam::${A}:user/alice\n  username: yes\n` },
    mapped: [],
    malformed: ['mapUsers'],
    reason: 'username must be a string (got true)',
  },
  {
    name: 'an item that is not a mapping does not decode',
    authenticator: 'json.Unmarshal: "cannot unmarshal string into Go value of type config.UserMapping"',
    data: { mapUsers: `${ALICE}- arn:aws:iam::${A}:user/bob\n` },
    mapped: [],
    malformed: ['mapUsers'],
    reason: 'item #2: item is not a mapping',
  },
  {
    name: 'a key that is a mapping, not a list, maps nobody',
    authenticator: 'json.Unmarshal: "cannot unmarshal object into Go value of type []config.RoleMapping"',
    data: { mapRoles: `rolearn: arn:aws:iam::${A}:role/SRE\nusername: sre\n`, mapUsers: ALICE },
    mapped: [`arn:aws:iam::${A}:user/alice`],
    malformed: ['mapRoles'],
  },
  {
    name: 'an item that decodes but names no ARN is dropped alone; the rest applies',
    authenticator: 'Validate() fails ("one of rolearn or SSO must be supplied"): that item is skipped, the others appended',
    data: { mapRoles: `${NODE}- username: nobody\n  groups: [x]\n` },
    mapped: [`arn:aws:iam::${A}:role/node`],
    malformed: [],
  },
  {
    name: 'mapAccounts: a mapping item does not decode; numbers are read as written',
    authenticator: 'yaml.Unmarshal into []string: "cannot unmarshal !!map into string"; a number keeps its text',
    data: { mapAccounts: `- 012345678912\n- default: 444455556666\n`, mapUsers: ALICE },
    mapped: [`arn:aws:iam::${A}:user/alice`],
    accounts: [],
    malformed: ['mapAccounts'],
  },
  {
    name: 'mapAccounts numbers keep a leading zero',
    authenticator: 'yaml.v2 writes a scalar\'s text into a string',
    data: { mapAccounts: `- 012345678912\n` },
    mapped: [],
    accounts: ['012345678912'],
    malformed: [],
  },
  {
    name: 'empty values are skipped, not malformed',
    authenticator: 'isSkippable: blank, "", \'\' and `` are no data',
    data: { mapRoles: "''\n", mapUsers: '""', mapAccounts: '  ' },
    mapped: [],
    malformed: [],
  },
  {
    name: 'a repeated item key is not an error',
    authenticator: 'yaml.v2 (not strict) lets the last value of a repeated key win',
    data: { mapUsers: `- userarn: arn:aws:iam::${A}:user/alice\n  username: a\n  username: alice\n` },
    mapped: [`arn:aws:iam::${A}:user/alice`],
    malformed: [],
  },
];

describe('the aws-auth parse rule, as the authenticator applies it', () => {
  for (const row of ROWS) {
    it(`${row.name} — ${row.authenticator}`, () => {
      const app = readAwsAuth(row.data);
      const appMapped = [...new Set(app.items.map((i) => i.arn.toLowerCase()))];
      expect(appMapped.sort()).toEqual([...row.mapped].sort());
      expect(app.malformed.map((m) => m.key)).toEqual(row.malformed);
      if (row.accounts) expect(app.accounts).toEqual(row.accounts);
      if (row.reason) expect(app.malformed[0]!.reason).toContain(row.reason);

      const sandbox = parseAwsAuth(row.data);
      expect([...sandbox.roles.keys(), ...sandbox.users.keys()].sort()).toEqual([...row.mapped].sort());
      expect(sandbox.malformed.map((m) => m.key)).toEqual(row.malformed);
      if (row.accounts) expect([...sandbox.accounts]).toEqual(row.accounts);
    });
  }

  it('a malformed key keeps what it would have mapped, for the diagnosis', () => {
    const c = readAwsAuth({ mapRoles: NODE + SRE('system:masters') });
    expect(c.items).toEqual([]);
    expect(c.malformed[0]!.ignored.map((i) => i.arn)).toEqual([`arn:aws:iam::${A}:role/node`]);
    expect(c.malformed[0]!.line).toBe(5);
    expect(c.malformed[0]!.text).toBe(NODE + SRE('system:masters'));
  });
});
