// `contexts [--json]`: what kubectl really does, context by context — the credential helper run as kubectl runs
// it, the IAM identity its token stands for, the cluster's answer to that token, and the cause and fix when it fails.
import type { ContextsListResult, KubectlContextView } from '../../shared/contexts-types.js';
import type { Env } from '../profiles/deps.js';
import { callContract } from './contract-request.js';
import { bool, failed, jsonText, runCommand, type CommandResult } from './result.js';

/** docs/cli.md: {contexts:[{name, current, eks, clusterArn?, clusterName?, region?, profile?, roleArn?, command?, identityArn?, outcome, cause?, fixId?}]}. */
export function contextJson(c: KubectlContextView) {
  return {
    name: c.name,
    current: c.current,
    eks: c.eks,
    ...(c.clusterArn ? { clusterArn: c.clusterArn } : {}),
    ...(c.clusterName ? { clusterName: c.clusterName } : {}),
    ...(c.region ? { region: c.region } : {}),
    ...(c.credential.profile ? { profile: c.credential.profile } : {}),
    ...(c.credential.roleArn ? { roleArn: c.credential.roleArn } : {}),
    ...(c.credential.command ? { command: c.credential.command } : {}),
    ...(c.identityArn ? { identityArn: c.identityArn } : {}),
    outcome: c.outcome ?? null,
    ...(c.cause ? { cause: c.cause.code } : {}),
    ...(c.action?.fix ? { fixId: c.action.fix.id } : {}),
  };
}

function text(r: ContextsListResult): string {
  if (r.error) return `${r.error}\n`;
  if (!r.contexts.length) return `kubectl has no contexts (${r.files.map((f) => `${f.path}${f.exists ? '' : ' (absent)'}`).join(', ')}); add one with \`update-kubeconfig --profile P --cluster NAME\`\n`;
  return r.contexts
    .map((c) => {
      const head = `${c.current ? '* ' : '  '}${c.name}`;
      if (!c.eks) return `${head}\n    not an EKS cluster (not checked)`;
      const lines = [head, `    cluster: ${c.clusterArn ?? c.clusterName ?? '?'}`, `    credentials: ${c.credential.command ?? c.credential.kind}${c.credential.profile ? ` as profile ${c.credential.profile}` : ''}`];
      lines.push(`    signs in as: ${c.identityArn ?? '(no identity)'} → ${c.outcome}${c.username ? ` (${c.username})` : ''}`);
      if (c.cause) lines.push(`    why: ${c.cause.code}: ${c.cause.sentence}`);
      if (c.action) lines.push(`    fix: ${c.action.label}${c.action.fix ? ` (--fix ${c.action.fix.id})` : ''}`);
      return lines.join('\n');
    })
    .join('\n') + '\n';
}

export async function runContexts(args: string[], deps: { env: Env }): Promise<CommandResult> {
  return runCommand('contexts', args, async ({ flags }) => {
    const json = bool(flags, 'json');
    const { createAppContext } = await import('../app-context.js');
    const app = createAppContext({ env: deps.env, mode: 'cli' });
    try {
      const result = await callContract(app.handlers, 'contexts.list', { check: true });
      if (result.error) return failed(1, result.error, json ? jsonText({ contexts: [] }) : '');
      return { exitCode: 0, stdout: json ? jsonText({ contexts: result.contexts.map(contextJson) }) : text(result), stderr: '' };
    } finally {
      app.close();
    }
  });
}
