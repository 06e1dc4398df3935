// Identity ARNs as aws-iam-authenticator reads them. The first rows of each table are the upstream cases of its
// pkg/arn/arn_test.go (arnTests, arnStripTests), quoted; the rows after them are shapes the app meets. The
// sandbox's own model of the server (written apart on purpose) must agree on the same canonicalisation table.
import { describe, expect, it } from 'vitest';
import { ArnError, canonicalize, identityKey, matchedArnOf, parsePrincipal, roleOfSession, roleWithoutPath, sameIdentity, stripPath } from '../../shared/arn.js';
import { canonicalizeArn } from '../../sandbox/k8s/arn.js';

// [input ARN, canonical ARN, expected error (undefined: none)]
const arnTests: Array<[string, string, RegExp | undefined]> = [
  // upstream arnTests
  ['NOT AN ARN', '', /^arn 'NOT AN ARN' is invalid: 'arn: invalid prefix'$/],
  ['arn:aws:iam::123456789012:user/Alice', 'arn:aws:iam::123456789012:user/Alice', undefined],
  ['arn:aws:iam::123456789012:role/Users', 'arn:aws:iam::123456789012:role/Users', undefined],
  ['arn:aws:sts::123456789012:assumed-role/Admin/Session', 'arn:aws:iam::123456789012:role/Admin', undefined],
  ['arn:aws:sts::123456789012:federated-user/Bob', 'arn:aws:sts::123456789012:federated-user/Bob', undefined],
  ['arn:aws:iam::123456789012:root', 'arn:aws:iam::123456789012:root', undefined],
  ['arn:aws:sts::123456789012:assumed-role/Org/Team/Admin/Session', 'arn:aws:iam::123456789012:role/Org/Team/Admin', undefined],
  ['arn:aws-iso:iam::123456789012:user/Chris', 'arn:aws-iso:iam::123456789012:user/Chris', undefined],
  ['arn:aws-iso-b:iam::123456789012:user/Chris', 'arn:aws-iso-b:iam::123456789012:user/Chris', undefined],
  // the app's shapes
  ['arn:aws-cn:sts::123456789012:assumed-role/AWSReservedSSO_Dev_abc/bob@example.com', 'arn:aws-cn:iam::123456789012:role/AWSReservedSSO_Dev_abc', undefined],
  ['arn:aws-us-gov:sts::123456789012:assumed-role/Ops/i-0abc', 'arn:aws-us-gov:iam::123456789012:role/Ops', undefined],
  ['arn:aws:iam::123456789012:user/team/bob', 'arn:aws:iam::123456789012:user/team/bob', undefined],
  ['arn:aws:sts::123456789012:assumed-role/OnlyRole', '', /^assumed-role arn '.*' does not have a role$/],
  ['arn:aws:sts::123456789012:session/x', '', /^unrecognized resource session\/x for service sts$/],
  ['arn:aws:iam::123456789012:group/admins', '', /^unrecognized resource group\/admins for service iam$/],
  ['arn:aws:s3:::bucket', '', /is not a valid service for identities$/],
  ['arn:foo:iam::123456789012:user/x', '', /does not have a recognized partition$/],
  ['arn:aws:iam', '', /'arn: not enough sections'$/],
];

// [input ARN, ARN without path, expected error]
const arnStripTests: Array<[string, string, RegExp | undefined]> = [
  // upstream arnStripTests
  ['NOT AN ARN', '', /invalid prefix/],
  ['arn:aws:iam::123456789012:role/Org/Team/Admin', 'arn:aws:iam::123456789012:role/Admin', undefined],
  ['arn:aws:iam::123456789012:role/Admin', 'arn:aws:iam::123456789012:role/Admin', undefined],
  ['arn:aws:iam::123456789012:user/Alice', 'arn:aws:iam::123456789012:user/Alice', undefined],
  ['arn:aws:sts::123456789012:federated-user/Bob', 'arn:aws:sts::123456789012:federated-user/Bob', undefined],
  // the app's shapes: IAM Identity Center's reserved path; a user keeps its path
  ['arn:aws:iam::123456789012:role/aws-reserved/sso.amazonaws.com/eu-west-1/AWSReservedSSO_Dev_abc', 'arn:aws:iam::123456789012:role/AWSReservedSSO_Dev_abc', undefined],
  ['arn:aws:iam::123456789012:user/team/bob', 'arn:aws:iam::123456789012:user/team/bob', undefined],
];

describe('canonicalize (the authenticator’s Canonicalize)', () => {
  it.each(arnTests)('%s → %s', (arn, expected, err) => {
    if (err) {
      expect(() => canonicalize(arn)).toThrow(ArnError);
      expect(() => canonicalize(arn)).toThrow(err);
    } else expect(canonicalize(arn).arn).toBe(expected);
  });

  it.each(arnTests)('the sandbox’s model agrees: %s', (arn, expected, err) => {
    if (err) expect(() => canonicalizeArn(arn)).toThrow(err);
    else expect(canonicalizeArn(arn)).toBe(expected);
  });

  it('names the kind of principal', () => {
    expect(canonicalize('arn:aws:sts::123456789012:assumed-role/Admin/Session').kind).toBe('assumed-role');
    expect(canonicalize('arn:aws:iam::123456789012:root').kind).toBe('root');
    expect(canonicalize('arn:aws:sts::123456789012:federated-user/Bob').kind).toBe('federated-user');
  });
});

describe('stripPath (the authenticator’s StripPath)', () => {
  it.each(arnStripTests)('%s → %s', (arn, expected, err) => {
    if (err) expect(() => stripPath(arn)).toThrow(err);
    else expect(stripPath(arn)).toBe(expected);
  });
});

describe('parsePrincipal', () => {
  it('splits a session whose role part has slashes into path, role name and session', () => {
    expect(parsePrincipal(' arn:aws:sts::123456789012:assumed-role/Org/Team/Admin/Session ')).toEqual({
      partition: 'aws', service: 'sts', account: '123456789012', kind: 'assumed-role', path: '/Org/Team/', name: 'Admin', session: 'Session',
    });
  });

  it('keeps an IAM path apart from the name, and refuses what the authenticator refuses', () => {
    expect(parsePrincipal('arn:aws:iam::123456789012:user/team/bob')).toMatchObject({ kind: 'user', path: '/team/', name: 'bob' });
    expect(parsePrincipal('arn:aws:iam::123456789012:root')).toMatchObject({ kind: 'root', path: '', name: '' });
    expect(parsePrincipal('arn:aws:eks:us-east-1:123456789012:cluster/prod')).toBeUndefined();
    expect(parsePrincipal('NOT AN ARN')).toBeUndefined();
  });
});

describe('comparing identities', () => {
  it('matchedArnOf is what the authenticator compares: session → role, role path dropped, user path kept', () => {
    expect(matchedArnOf('arn:aws:sts::111122223333:assumed-role/Dev/maria')).toBe('arn:aws:iam::111122223333:role/Dev');
    expect(matchedArnOf('arn:aws:iam::111122223333:role/team/Dev')).toBe('arn:aws:iam::111122223333:role/Dev');
    expect(matchedArnOf('arn:aws:iam::111122223333:user/ops/maria')).toBe('arn:aws:iam::111122223333:user/ops/maria');
    expect(matchedArnOf('arn:aws:sts::111122223333:assumed-role/Org/Team/Dev/maria')).toBe('arn:aws:iam::111122223333:role/Org/Team/Dev');
    expect(matchedArnOf('not an arn')).toBe('not an arn');
  });

  it('one identity under its session, role and pathed role ARNs, in any case, is the same; another is not', () => {
    const session = 'arn:aws:sts::111122223333:assumed-role/Dev/maria';
    expect(sameIdentity(session, 'arn:aws:iam::111122223333:role/team/dev')).toBe(true);
    expect(identityKey(session)).toBe('arn:aws:iam::111122223333:role/dev');
    expect(identityKey('arn:aws:sts::111122223333:assumed-role/Org/Team/Dev/maria')).toBe('arn:aws:iam::111122223333:role/dev');
    expect(sameIdentity(session, 'arn:aws:iam::444455556666:role/Dev')).toBe(false);
    expect(sameIdentity('arn:aws:iam::111122223333:user/a/bob', 'arn:aws:iam::111122223333:user/bob')).toBe(false);
  });

  it('roleOfSession and roleWithoutPath answer only for their own kind', () => {
    expect(roleOfSession('arn:aws:sts::111122223333:assumed-role/R/S')).toBe('arn:aws:iam::111122223333:role/R');
    expect(roleOfSession('arn:aws:iam::111122223333:role/R')).toBeUndefined();
    expect(roleWithoutPath('arn:aws:iam::111122223333:role/a/b/R')).toBe('arn:aws:iam::111122223333:role/R');
    expect(roleWithoutPath('arn:aws:iam::111122223333:user/a/R')).toBeUndefined();
  });
});
