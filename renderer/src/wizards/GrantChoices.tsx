import { Alert, Box, Checkbox, FormField, Input, RadioGroup, SpaceBetween } from '@cloudscape-design/components';
import { groupName, namespaceName } from '../../../shared/contract.js';
import type { GrantOptionsView } from '../../../shared/wizard-types.js';
import { POLICY_DOES, POLICY_WORDS, READ_ONLY_WORDS, policyAccessWords } from '../../../shared/grant-words.js';

/** What the user chose for the grant. `keep` = keep the groups of the entry being fixed. */
export interface GrantChoice {
  group?: string;
  customGroup: string;
  policy: string;
  scope: 'cluster' | 'namespace';
  namespaces: string;
  switchMode: boolean;
  repairInvalid: boolean;
}

export const KEEP = '__keep';
export const CUSTOM = '__custom';
/** Fixes that correct an existing entry in place: its groups are kept unless the user picks others. */
const IN_PLACE = new Set(['map-role-without-path', 'map-role-arn', 'fix-near-miss', 'fix-aws-auth-item']);

/** The choice the wizard starts with: the entry's own groups for a fix in place, else the safe default (read-only). */
export function initialChoice(o: GrantOptionsView): GrantChoice {
  const safe = o.groups.find((g) => g.isDefault)?.group;
  return {
    ...(IN_PLACE.has(o.fixId) || o.family === 'rbac' ? { group: KEEP } : safe ? { group: safe } : {}),
    customGroup: '',
    policy: o.policies[0]?.name ?? 'AmazonEKSViewPolicy',
    scope: 'cluster',
    namespaces: '',
    switchMode: false,
    repairInvalid: false,
  };
}

export function namespacesOf(c: GrantChoice): string[] {
  return c.namespaces.split(/[\s,]+/).map((n) => n.trim()).filter(Boolean);
}

/** The groups the request carries (undefined: the server's own choice — keep the entry's, or the RBAC binding). */
export function groupsOf(c: GrantChoice): string[] | undefined {
  if (!c.group || c.group === KEEP) return undefined;
  if (c.group === CUSTOM) return c.customGroup.trim() ? [c.customGroup.trim()] : undefined;
  return [c.group];
}

/** What a grant made of this choice changed, in one plain sentence (the result screen's confirmation). */
export function grantedWords(o: GrantOptionsView, c: GrantChoice, profile: string): string {
  const who = `${profile} (${o.principalArn ?? o.identityArn ?? 'its IAM identity'})`;
  const where = `the cluster ${o.cluster.name}`;
  if (o.family === 'access-entry') {
    const does = POLICY_DOES[c.policy];
    const access = policyAccessWords(c.policy, c.scope === 'namespace' ? namespacesOf(c) : undefined);
    return `${who} can now sign in to ${where}, with ${access}${does ? `: ${does}` : ''} (an access entry with ${c.policy}).`;
  }
  const groups = groupsOf(c);
  if (o.family === 'rbac') return `${who} now has access on ${where} through a role binding (Kubernetes RBAC)${groups ? ` for the group ${groups.join(', ')}` : ''}.`;
  const list = `the list of who may sign in to ${where} (aws-auth)`;
  if (!groups) return `The entry of ${who} in ${list} is corrected; it keeps the access it gave.`;
  const chosen = o.groups.find((g) => g.group === groups[0]);
  const access = chosen?.isDefault ? `with ${READ_ONLY_WORDS}` : groups[0] === 'system:masters' ? 'as a full administrator' : `in the group ${groups.join(', ')}`;
  return `${who} is now on ${list}, ${access}.`;
}

/** Why the choice cannot be previewed yet. */
export function choiceBlocker(o: GrantOptionsView, c: GrantChoice): string | undefined {
  if (o.family === 'aws-auth' && !c.group) return 'Choose what access the identity gets';
  if (c.group === CUSTOM && !groupName.safeParse(c.customGroup.trim()).success) return 'Type the group name (no spaces)';
  if (o.family === 'access-entry' && c.scope === 'namespace') {
    const names = namespacesOf(c);
    if (names.length === 0) return 'Name at least one namespace';
    const bad = names.find((n) => !namespaceName.safeParse(n).success);
    if (bad) return `"${bad}" is not a namespace name (lower-case letters, digits and -)`;
  }
  if (o.family === 'access-entry' && o.modeSwitch?.needed && !c.switchMode) return 'Agree to the one-way switch of the authentication mode, or choose another fix';
  return undefined;
}

interface Props {
  options: GrantOptionsView;
  choice: GrantChoice;
  onChange: (c: GrantChoice) => void;
  disabled: boolean;
}

/** The grant's choices, narrowest first: aws-auth groups (system:masters warned), or an access policy and its scope. */
export function GrantChoices({ options: o, choice: c, onChange, disabled }: Props) {
  const set = (patch: Partial<GrantChoice>) => onChange({ ...c, ...patch });
  if (o.family === 'access-entry') {
    return (
      <SpaceBetween size="m">
        {/* Every choice in view at once, narrowest first: a closed list showed only the one chosen. */}
        <FormField label="What access to give" description="The least that is enough, first; you can give more later.">
          <RadioGroup
            value={c.policy}
            onChange={(e) => set({ policy: e.detail.value })}
            items={o.policies.map((p) => ({ value: p.name, label: POLICY_WORDS[p.name] ?? p.name, description: `Access policy ${p.name}: ${p.summary}`, disabled }))}
            data-testid="grant-policy"
          />
        </FormField>
        <FormField label="Where">
          <RadioGroup
            value={c.scope}
            onChange={(e) => set({ scope: e.detail.value as GrantChoice['scope'] })}
            items={[
              { value: 'cluster', label: 'The whole cluster' },
              { value: 'namespace', label: 'Only some namespaces' },
            ]}
            data-testid="grant-scope"
          />
        </FormField>
        {c.scope === 'namespace' && (
          <FormField label="Namespaces" description="Separated by commas">
            <Input value={c.namespaces} onChange={(e) => set({ namespaces: e.detail.value })} placeholder="default, team-a" disabled={disabled} data-testid="grant-namespaces" />
          </FormField>
        )}
        {o.modeSwitch?.needed && (
          <Alert type="warning" header="This cluster reads only the aws-auth ConfigMap, not access entries">
            <SpaceBetween size="xs">
              <Box variant="p">{o.modeSwitch.explanation}</Box>
              <Checkbox checked={c.switchMode} onChange={(e) => set({ switchMode: e.detail.checked })} disabled={disabled} data-testid="grant-switch-mode">
                Let the cluster read access entries too, keeping aws-auth (a one-way switch of its authentication mode to API_AND_CONFIG_MAP)
              </Checkbox>
            </SpaceBetween>
          </Alert>
        )}
      </SpaceBetween>
    );
  }
  const items = [
    ...(IN_PLACE.has(o.fixId) ? [{ value: KEEP, label: 'Keep the access the entry gives now (the default)', description: 'The entry is corrected in place; what it grants stays the same.' }] : []),
    ...(o.family === 'rbac' ? [{ value: KEEP, label: 'Let the identity read what the diagnosis names (the default)', description: 'A RoleBinding to a read-only ClusterRole, as the diagnosis names it; aws-auth is not changed.' }] : []),
    ...o.groups.map((g) => ({ value: g.group, label: g.label, description: [g.warning && `⚠ ${g.warning}`, g.technical].filter(Boolean).join(' — ') })),
    { value: CUSTOM, label: 'Another group, by its name', description: 'A group the cluster\'s own rules already give access to (a RoleBinding or ClusterRoleBinding names it).' },
  ];
  return (
    <SpaceBetween size="m">
      <FormField label={o.family === 'rbac' ? 'How to give the permission' : 'What access to give'} description="The least that is enough, first; you can give more later. A full administrator cannot be limited afterwards.">
        <RadioGroup value={c.group ?? null} onChange={(e) => set({ group: e.detail.value })} items={items} data-testid="grant-groups" />
      </FormField>
      {c.group === CUSTOM && (
        <FormField label="Group name">
          <Input value={c.customGroup} onChange={(e) => set({ customGroup: e.detail.value })} placeholder="developers" disabled={disabled} data-testid="grant-custom-group" />
        </FormField>
      )}
      {o.fixId === 'fix-aws-auth-item' && (
        <Checkbox checked={c.repairInvalid} onChange={(e) => set({ repairInvalid: e.detail.checked })} disabled={disabled} data-testid="grant-repair-invalid">
          Repair the malformed items of aws-auth (the preview shows each one)
        </Checkbox>
      )}
    </SpaceBetween>
  );
}
