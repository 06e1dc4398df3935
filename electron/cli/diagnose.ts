// `diagnose --profile P --cluster NAME [--region R] [--json]`: why this profile does (not) get into this cluster.
// Exit 0 whenever a diagnosis was made (even for a failing cell), 2 on bad arguments, 1 otherwise.
import { isRegionName } from '../clusters/regions.js';
import { diagnose, DiagnoseArgumentError, type DiagnoseDeps } from '../diagnose/diagnose.js';
import { diagnosisJson, diagnosisText } from '../diagnose/report.js';
import { parseFlags, UsageError, type CommandResult } from './result.js';
import { usageLine } from './catalog.js';

export const DIAGNOSE_USAGE = usageLine('diagnose');

const CLUSTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{0,99}$/;

export function parseDiagnoseArgs(args: string[]): { profile: string; cluster: string; region?: string; json: boolean } {
  const values = parseFlags(args, { profile: { type: 'string' }, cluster: { type: 'string' }, region: { type: 'string' }, json: { type: 'boolean' } });
  if (!values.profile) throw new UsageError('--profile is required');
  if (!values.cluster) throw new UsageError('--cluster is required');
  if (!CLUSTER_NAME.test(values.cluster)) throw new UsageError(`--cluster: "${values.cluster}" is not an EKS cluster name`);
  if (values.region !== undefined && !isRegionName(values.region)) throw new UsageError(`--region: "${values.region}" is not a region name (like us-east-1)`);
  return { profile: values.profile, cluster: values.cluster, ...(values.region ? { region: values.region } : {}), json: Boolean(values.json) };
}

export async function runDiagnose(args: string[], deps: DiagnoseDeps): Promise<CommandResult> {
  let parsed;
  try {
    parsed = parseDiagnoseArgs(args);
  } catch (err) {
    if (err instanceof UsageError) return { exitCode: 2, stdout: '', stderr: `error: ${err.message} (${DIAGNOSE_USAGE})\n` };
    throw err;
  }
  try {
    const { diagnosis } = await diagnose({ profile: parsed.profile, cluster: parsed.cluster, ...(parsed.region ? { region: parsed.region } : {}) }, deps);
    return { exitCode: 0, stdout: parsed.json ? JSON.stringify(diagnosisJson(diagnosis), null, 2) + '\n' : diagnosisText(diagnosis), stderr: '' };
  } catch (err) {
    const message = String((err as Error)?.message ?? err).split('\n')[0];
    return { exitCode: err instanceof DiagnoseArgumentError ? 2 : 1, stdout: '', stderr: `error: ${message}\n` };
  }
}
