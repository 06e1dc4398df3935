// The grant wizard's choice checks use the contract's own rules: what the form lets through, the grant call accepts.
import { describe, expect, it } from 'vitest';
import type { GrantOptionsView } from '../../shared/wizard-types.js';
import { CUSTOM, choiceBlocker, initialChoice } from '../../renderer/src/wizards/GrantChoices.js';

const options = (family: GrantOptionsView['family']) => ({ family, fixId: 'create-access-entry', policies: [], admins: [], groups: [] }) as unknown as GrantOptionsView;

describe('grant choices', () => {
  it('refuses a namespace or a group name the contract refuses, and lets good ones through', () => {
    const entry = options('access-entry');
    const scoped = { ...initialChoice(entry), scope: 'namespace' as const };
    expect(choiceBlocker(entry, { ...scoped, namespaces: '' })).toBe('Name at least one namespace');
    expect(choiceBlocker(entry, { ...scoped, namespaces: 'default, Team_A' })).toBe('"Team_A" is not a namespace name (lower-case letters, digits and -)');
    expect(choiceBlocker(entry, { ...scoped, namespaces: 'default, team-a' })).toBeUndefined();

    const awsAuth = options('aws-auth');
    const custom = { ...initialChoice(awsAuth), group: CUSTOM };
    expect(choiceBlocker(awsAuth, { ...custom, customGroup: 'x'.repeat(257) })).toBe('Type the group name (no spaces)');
    expect(choiceBlocker(awsAuth, { ...custom, customGroup: 'developers' })).toBeUndefined();
  });
});
