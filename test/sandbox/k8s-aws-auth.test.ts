// aws-auth ConfigMap parsing as the authenticator does it.
import { describe, expect, it } from 'vitest';
import { parseAwsAuth } from '../../sandbox/k8s/aws-auth.js';

describe('parseAwsAuth', () => {
  it('reads mapRoles, mapUsers and mapAccounts', () => {
    const m = parseAwsAuth({
      mapRoles: '- rolearn: arn:aws:iam::111122223333:role/Admin\n  username: admin\n  groups: [system:masters]\n',
      mapUsers: '- userarn: arn:aws:iam::111122223333:user/bob\n  username: bob\n',
      mapAccounts: '- "444455556666"\n',
    });
    expect(m.roles.get('arn:aws:iam::111122223333:role/admin')).toEqual({ rolearn: 'arn:aws:iam::111122223333:role/Admin', username: 'admin', groups: ['system:masters'], userid: undefined });
    expect(m.users.get('arn:aws:iam::111122223333:user/bob')?.username).toBe('bob');
    expect([...m.accounts]).toEqual(['444455556666']);
    expect(m.dropped).toEqual([]);
  });

  it('matches item keys case-insensitively', () => {
    const m = parseAwsAuth({ mapRoles: '- RoleArn: arn:aws:iam::1:role/A\n  UserName: a\n  Groups: [g]\n' });
    expect(m.roles.get('arn:aws:iam::1:role/a')).toMatchObject({ username: 'a', groups: ['g'] });
  });

  it('drops an item without an ARN and keeps the rest; an item that does not decode ignores its whole key', () => {
    const m = parseAwsAuth({
      mapRoles: ['- rolearn: arn:aws:iam::1:role/Good', '  username: good', '- username: no-arn'].join('\n'),
      mapUsers: [
        '- userarn: arn:aws:iam::1:user/good',
        '  username: good',
        '- userarn: arn:aws:iam::1:user/BadGroups',
        '  username: x',
        '  groups: system:masters',
        '- just a string',
      ].join('\n'),
    });
    expect([...m.roles.keys()]).toEqual(['arn:aws:iam::1:role/good']);
    expect(m.users.size).toBe(0);
    expect(m.dropped.map((d) => [d.key, d.index, d.reason])).toEqual([
      ['mapRoles', 1, 'rolearn is missing'],
      ['mapUsers', 1, 'groups must be a list of strings'],
      ['mapUsers', 2, 'item is not a mapping'],
    ]);
    expect(m.malformed).toEqual([{ key: 'mapUsers', reason: 'mapUsers does not decode (item #2: groups must be a list of strings; item #3: item is not a mapping)' }]);
  });

  it('reports a value that is not YAML, and one that is not a list', () => {
    const m = parseAwsAuth({ mapRoles: '- rolearn: [unclosed\n', mapUsers: 'userarn: arn:aws:iam::1:user/x\n' });
    expect(m.roles.size + m.users.size).toBe(0);
    expect(m.dropped[0]).toMatchObject({ key: 'mapRoles', index: -1 });
    expect(m.dropped[0].reason).toMatch(/^mapRoles is not valid YAML/);
    expect(m.dropped[1]).toMatchObject({ key: 'mapUsers', index: -1, reason: 'mapUsers must be a YAML list' });
  });

  it('skips blank values, lets the last duplicate win', () => {
    const m = parseAwsAuth({
      mapRoles: '- rolearn: arn:aws:iam::1:role/A\n  username: first\n- rolearn: arn:aws:iam::1:role/a\n  username: second\n  groups: ["", viewers]\n',
      mapUsers: '- userarn: ""\n  username: nobody\n',
      mapAccounts: '',
    });
    expect(m.roles.get('arn:aws:iam::1:role/a')).toMatchObject({ username: 'second', groups: ['viewers'] });
    expect(m.roles.size).toBe(1);
    expect(m.dropped).toEqual([{ key: 'mapUsers', index: 0, reason: 'userarn is missing', raw: { userarn: '', username: 'nobody' } }]);
  });

  it('treats a missing ConfigMap or empty data as no mappings', () => {
    expect(parseAwsAuth(undefined).roles.size).toBe(0);
    expect(parseAwsAuth({}).dropped).toEqual([]);
  });
});
