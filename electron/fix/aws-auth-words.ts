// The aws-auth grant's steps as a newcomer reads them: plain words first, the Kubernetes names on a second line, and
// under each step the command that does the same.
import type { AwsAuthPlan } from '../authmap/aws-auth-plan.js';
import { READ_ONLY_WORDS } from '../../shared/grant-words.js';
import { VIEW_BINDING, VIEW_CLUSTER_ROLE, VIEW_GROUP, viewBindingCommand } from '../authmap/view-binding.js';

export interface PlainStep {
  words: string;
  technical: string;
  commands: string[];
}

/** The list aws-auth is, in words (its technical name follows on the step's second line). */
export const AWS_AUTH_WORDS = "the cluster's list of who may sign in (aws-auth)";

function accessWords(groups: string[]): string {
  if (groups.length === 1 && groups[0] === VIEW_GROUP) return `with ${READ_ONLY_WORDS}`;
  if (groups.includes('system:masters')) return 'as a full administrator of the cluster';
  if (!groups.length) return 'with no access yet';
  return `in the group${groups.length > 1 ? 's' : ''} ${groups.join(', ')}`;
}

function editWords(plan: AwsAuthPlan): string {
  const who = plan.target.arn;
  const access = accessWords(plan.target.groups);
  switch (plan.change) {
    case 'added':
      return `Add ${who} to ${AWS_AUTH_WORDS}, ${access}`;
    case 'created':
      return `Start ${AWS_AUTH_WORDS} with ${who}, ${access}`;
    case 'fixed':
      return `Correct the entry of ${who} in ${AWS_AUTH_WORDS}, ${access}`;
    default:
      return `${AWS_AUTH_WORDS.charAt(0).toUpperCase()}${AWS_AUTH_WORDS.slice(1)} already lets ${who} in this way: nothing to change there`;
  }
}

/** The binding step (when the grant uses the read-only group), then the aws-auth edit, each with its commands. */
export function awsAuthPlainSteps(plan: AwsAuthPlan, binding: boolean): PlainStep[] {
  const t = plan.target;
  return [
    ...(binding
      ? [{
          words: `Let the app's read-only group see everything in the cluster and change nothing (made once; left as it is if it is there already)`,
          technical: `ClusterRoleBinding ${VIEW_BINDING}: ClusterRole ${VIEW_CLUSTER_ROLE} → Group ${VIEW_GROUP}`,
          commands: [viewBindingCommand(plan.cluster.arn)],
        }]
      : []),
    {
      words: editWords(plan),
      technical: `ConfigMap kube-system/aws-auth, ${t.key}: username "${t.username}", groups [${t.groups.join(', ')}]`,
      commands: plan.commands,
    },
  ];
}
