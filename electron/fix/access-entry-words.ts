// The access-entry grant's steps as a newcomer reads them, in the same shape as aws-auth's (aws-auth-words.ts): plain
// words first, the AWS names on a second line, and under each step the command that does the same.
import type { AccessEntryPlan, AccessEntryStep } from '../authmap/access-entry-plan.js';
import { POLICY_DOES, policyAccessWords } from '../../shared/grant-words.js';
import type { PlainStep } from './aws-auth-words.js';

const policyOf = (plan: AccessEntryPlan): string => plan.policyArn.slice(plan.policyArn.lastIndexOf('/') + 1);

/** The scope as the grey line names it. */
function scopeName(plan: AccessEntryPlan): string {
  return plan.accessScope.type === 'cluster' ? 'scope: cluster' : `scope: namespace ${(plan.accessScope.namespaces ?? []).join(', ')}`;
}

function stepWords(plan: AccessEntryPlan, step: AccessEntryStep): Omit<PlainStep, 'commands'> {
  const who = plan.principalArn;
  switch (step.id) {
    case 'update-mode':
      return {
        words: "Let the cluster accept access entries as well as its aws-auth list (this cannot be switched back; aws-auth keeps working)",
        technical: `Authentication mode ${plan.cluster.authenticationMode} → API_AND_CONFIG_MAP`,
      };
    case 'create-entry': {
      const named = [plan.username ? `username "${plan.username}"` : '', plan.groups?.length ? `groups [${plan.groups.join(', ')}]` : ''].filter(Boolean);
      return {
        words: `Let ${who} sign in to the cluster${plan.entryExists === undefined ? ' (if it can already, the app keeps that and only adds the access below)' : ''}`,
        technical: `Access entry for ${who}${named.length ? `: ${named.join(', ')}` : ''}`,
      };
    }
    default: {
      const policy = policyOf(plan);
      const namespaces = plan.accessScope.type === 'namespace' ? plan.accessScope.namespaces : undefined;
      const does = POLICY_DOES[policy];
      // Without a sign-in step before it, "it" would name nobody.
      const whom = plan.steps.some((s) => s.id === 'create-entry') ? 'it' : `${who}, which can sign in already,`;
      return {
        words: `Give ${whom} ${policyAccessWords(policy, namespaces)}${does ? ` (${does})` : ''}`,
        technical: `Access policy ${policy}, ${scopeName(plan)}`,
      };
    }
  }
}

/** Each step of the plan in words, with its command; the same steps, in the same order, as apply runs. */
export function accessEntryPlainSteps(plan: AccessEntryPlan): PlainStep[] {
  return plan.steps.map((step) => ({ ...stepWords(plan, step), commands: [step.command] }));
}
