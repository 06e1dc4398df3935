// `diagnose --profile P --cluster NAME [--region R] [--json]`: why this profile does (not) get into this cluster.
// The app's `diagnosis.run` for the cell, formatted. Exit 0 whenever a diagnosis was made (even for a failing
// cell), 2 on bad arguments, 1 otherwise.
import { diagnosisJson, diagnosisText } from '../diagnose/report.js';
import type { Env } from '../profiles/deps.js';
import { diagnoseNamedCell } from './cell-request.js';
import { clusterFlags } from './cluster-flags.js';
import { bool, jsonText, runCommand, type CommandResult } from './result.js';

export async function runDiagnose(args: string[], deps: { env: Env }): Promise<CommandResult> {
  return runCommand('diagnose', args, async ({ flags }) => {
    const { view } = await diagnoseNamedCell(clusterFlags(flags, 'diagnosis.run'), deps.env);
    const d = view.diagnosis;
    return { exitCode: 0, stdout: bool(flags, 'json') ? jsonText(diagnosisJson(d)) : diagnosisText(d), stderr: '' };
  });
}
