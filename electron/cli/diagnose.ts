// `diagnose --profile P --cluster NAME [--region R] [--json]`: why this profile does (not) get into this cluster.
// Exit 0 whenever a diagnosis was made (even for a failing cell), 2 on bad arguments, 1 otherwise.
import { diagnose, DiagnoseArgumentError, type DiagnoseDeps } from '../diagnose/diagnose.js';
import { diagnosisJson, diagnosisText } from '../diagnose/report.js';
import { clusterFlags, type ClusterFlags } from './cluster-flags.js';
import { bool, CommandFailure, runCommand, type CommandResult } from './result.js';

export async function runDiagnose(args: string[], deps: DiagnoseDeps): Promise<CommandResult> {
  return runCommand('diagnose', args, async ({ flags }) => {
    const cell = clusterFlags(flags, 'diagnosis.run');
    const { diagnosis } = await diagnoseNamed(cell, deps);
    return { exitCode: 0, stdout: bool(flags, 'json') ? JSON.stringify(diagnosisJson(diagnosis), null, 2) + '\n' : diagnosisText(diagnosis), stderr: '' };
  });
}

/** The diagnosis of a cell named as people name it; an unknown profile is the caller's mistake. */
export async function diagnoseNamed(cell: ClusterFlags, deps: DiagnoseDeps) {
  try {
    return await diagnose(cell, deps);
  } catch (err) {
    if (err instanceof DiagnoseArgumentError) throw new CommandFailure('PROFILE_NOT_FOUND', err.message);
    throw err;
  }
}
