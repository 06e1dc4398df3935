// A cell as people name it (`--profile P --cluster NAME [--region R]`) as the app names it — the contract's
// request with the cluster's ARN — and its diagnosis through dispatch, on the diagnosis room's own handlers.
// The ARN comes from the scan the diagnosis reads, picked as the diagnosis picks it, so both mean the same
// cluster; the diagnosis then reads that scan instead of making its own. kubectl's exec plugin (most of a second)
// starts alongside the scan, as the diagnosis would start it, and the diagnosis takes it over.
import { clusterArnOf } from '../../shared/cluster-arn.js';
import type { DiagnosisView } from '../../shared/diagnosis-types.js';
import { UnknownProfileError } from '../common/unknown-profile.js';
import { profileRegionOf } from '../diagnose/profile-region.js';
import { startKubectlIdentity } from '../diagnose/kubectl-early.js';
import type { CellRequest, DiagnosisService } from '../diagnose/service.js';
import type { Env } from '../profiles/deps.js';
import { loadProfiles } from '../profiles/load.js';
import type { ClusterFlags } from './cluster-flags.js';
import { CommandFailure } from './result.js';

/**
 * The account of a cell's ARN when neither the scan nor the profile knows it (a profile without credentials, a
 * cluster nobody found): the diagnosis reads only the name and region of the ARN, and says what it could not find.
 */
const NO_ACCOUNT = '000000000000';

export interface DiagnosedNamedCell {
  request: CellRequest;
  view: DiagnosisView;
  /** The diagnosis room's service: keeps the cell's diagnosis and evidence (`fix` prepares its change from them). */
  diagnosis: DiagnosisService;
}

export async function diagnoseNamedCell(cell: ClusterFlags, env: Env): Promise<DiagnosedNamedCell> {
  const loaded = await loadProfiles(env);
  const descriptor = loaded.profiles.find((p) => p.name === cell.profile);
  if (!descriptor) {
    const unknown = new UnknownProfileError(cell.profile, loaded.files);
    throw new CommandFailure(unknown.code, unknown.message);
  }
  const profileRegion = profileRegionOf(descriptor.region, env);
  const region = cell.region ?? profileRegion;
  const kubectl = startKubectlIdentity({ env, cluster: cell.cluster, region });
  try {
    // Loaded once the plugin runs: the scan, the diagnosis and the contract are most of the code this command needs.
    const [{ scanForCell, scannedCluster }, { diagnoseHandlers }, { DiagnosisService }, { callContract, contractRequest }] = await Promise.all([
      import('../diagnose/cell-scan.js'),
      import('../diagnose/handlers.js'),
      import('../diagnose/service.js'),
      import('./contract-request.js'),
    ]);
    const matrix = await scanForCell({ env, ...(cell.region ? { region: cell.region } : {}), profileRegion });
    const account = matrix.profiles.find((p) => p.name === cell.profile)?.account;
    const found = scannedCluster(matrix, { name: cell.cluster, region, requestedRegion: Boolean(cell.region), ...(account ? { account } : {}) });
    const clusterArn = found?.arn ?? clusterArnOf({ region, account: account ?? NO_ACCOUNT, name: cell.cluster });
    const request = contractRequest('diagnosis.run', { profile: cell.profile, clusterArn });
    const diagnosis = new DiagnosisService({
      env,
      given: (req) => (req.profile === request.profile && req.clusterArn === request.clusterArn ? { matrix, kubectl } : undefined),
    });
    const view = await callContract(diagnoseHandlers(diagnosis), 'diagnosis.run', request);
    return { request, view, diagnosis };
  } finally {
    kubectl.cancel();
  }
}
