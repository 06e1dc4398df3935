// What the renderer gets of an aws-auth plan: everything to show, nothing internal (no credentials are ever in a plan).
import type { AwsAuthPlan } from './aws-auth-plan.js';

export type AwsAuthPlanView = Omit<AwsAuthPlan, 'edit' | 'before' | 'after' | 'repairConsentProblem'>;

export function planView(plan: AwsAuthPlan): AwsAuthPlanView {
  const { edit: _edit, before: _before, after: _after, repairConsentProblem: _consent, ...view } = plan;
  return view;
}
