// The app's sentences for states a new user meets: each says what happened, not a failure that did not happen.
import { describe, expect, it } from 'vitest';
import { kubectlIdentityLine } from '../../renderer/src/diagnosis/wording.js';
import { identitiesSummary } from '../../renderer/src/profiles/format.js';
import { closeWords } from '../../renderer/src/wizards/close-words.js';

describe('"What kubectl really uses": the identity line', () => {
  it('a cluster kubectl has no context for says kubectl has no entry, not that a token failed', () => {
    const line = kubectlIdentityLine({ failure: { kind: 'no-context', message: 'no context in ~/.kube/config talks to arn:aws:eks:…' } });
    expect(line).toBe('none — kubectl has no entry for this cluster yet');
    expect(line).not.toMatch(/token/);
  });
  it('an entry that does not sign in with AWS, or a kubeconfig kubectl cannot read, is said as such', () => {
    expect(kubectlIdentityLine({ failure: { kind: 'not-exec', message: 'context a authenticates with a client certificate' } })).toMatch(/does not sign in with AWS/);
    expect(kubectlIdentityLine({ failure: { kind: 'kubeconfig-invalid', message: 'kubectl cannot load …' } })).toMatch(/cannot read its kubeconfig/);
  });
  it('a plugin that ran and failed still says the token could not be made; an identity is shown as is', () => {
    expect(kubectlIdentityLine({ failure: { kind: 'exec-failed', message: 'aws exited 255' } })).toBe('none — the token could not be made');
    expect(kubectlIdentityLine({ arn: 'arn:aws:iam::111122223333:user/ivan' })).toBe('arn:aws:iam::111122223333:user/ivan');
    expect(kubectlIdentityLine({})).toBe('—');
  });
});

describe('Identity Center: the line above "Accounts and roles"', () => {
  const url = 'https://acme.awsapps.com/start';
  it('when every account and role has a profile, says so and invites no choosing', () => {
    const line = identitiesSummary(url, 4, 0);
    expect(line).toBe(`${url} — every account and role here already has a profile.`);
    expect(line).not.toMatch(/0 of them|Choose/);
  });
  it('counts those without a profile in plain grammar, and invites saving them', () => {
    expect(identitiesSummary(url, 4, 1)).toBe(`${url} — 1 of them has no profile yet. Choose it to save it as a profile kubectl can use.`);
    expect(identitiesSummary(url, 4, 3)).toBe(`${url} — 3 of them have no profile yet. Choose some to save them as profiles kubectl can use.`);
    expect(identitiesSummary(url, 2, 2)).toMatch(/— All 2 have no profile yet\. Choose some/);
  });
});

describe('closing a fix wizard', () => {
  it('after only a preview, says nothing was changed — not that what was done stays done', () => {
    expect(closeWords(false)).toMatch(/^Nothing has been changed/);
    expect(closeWords(false)).not.toMatch(/stays done/);
  });
  it('after a step changed something, says it stays and where to undo it', () => {
    expect(closeWords(true)).toMatch(/already did stays done \(and can be undone from where it was done\)/);
  });
});
