// A grant test's case table must agree with the scenarios' own expect entries (proven with the real aws CLI and
// kubectl by test/sandbox/scenarios-real-clients.test.ts): the identity is refused first, the admin gets in.
import { expect } from 'vitest';
import { loadScenarioFile } from '../../sandbox/index.js';

export interface GrantCase {
  scenario: string;
  cluster: string;
  refused: string;
  admin: string;
  before: 'unauthorized' | 'forbidden';
}

export function expectCasesFollowScenarios(cases: GrantCase[]): void {
  for (const c of cases) {
    const s = loadScenarioFile(`sandbox/scenarios/${c.scenario}.yaml`);
    const kubeconfigProfile = s.kubeconfig.find((k) => k.cluster === c.cluster)?.profile;
    const refused = s.expect.filter((e) => e.cluster === c.cluster && e.getSvc === c.before).map((e) => e.profile ?? kubeconfigProfile);
    expect(refused, c.scenario).toContain(c.refused);
    const admins = s.expect.filter((e) => e.cluster === c.cluster && e.getSvc === 'ok' && e.profile).map((e) => e.profile);
    expect(admins, c.scenario).toContain(c.admin);
  }
}
