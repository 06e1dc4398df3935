// "Use with kubectl": the preview of making one context's user entry run `aws eks get-token` as a given AWS profile
// — AWS_PROFILE in the exec env and --profile in its args (so stray AWS_* keys in a shell cannot replace it). An
// aws exec keeps its other arguments; any other way of signing in is replaced by the entry update-kubeconfig writes.
// Only the kubeconfig changes: never the AWS config.
import { realpath } from 'node:fs/promises';
import { isMap, isScalar, isSeq, type YAMLMap } from 'yaml';
import { namedExecProfile } from './context-profiles.js';
import { execEnvEntries, isAwsCli } from './exec-env.js';
import { EXEC_API_VERSION } from './entries.js';
import { contextNamed } from './find.js';
import type { MergedKubeconfig } from './merge.js';
import type { UpdatePlan } from './plan.js';
import { readKubeconfigFile } from './read-settled.js';
import { changePreview, keepFlowStyle, serializeLike, styleOf } from './style.js';
import type { ExecConfig } from './types.js';

/** A write planned as update-kubeconfig plans one (same file facts, texts and diff), for one context's user. */
export interface SetProfilePlan extends Pick<UpdatePlan, 'target' | 'writePath' | 'existed' | 'mode' | 'before' | 'after' | 'diff' | 'baseHash' | 'message' | 'relaidOut'> {
  context: string;
  user: string;
  /** Other contexts that use the same user entry: they run as the profile too. */
  alsoAffects: string[];
  /** The exec the entry will have. */
  exec: ExecConfig;
  summary: string;
}

export class SetProfileError extends Error {}

/** Removes every `--profile X` / `--profile=X` from the args. */
function withoutProfile(args: string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--profile') i++;
    else if (!args[i]!.startsWith('--profile=')) out.push(args[i]!);
  }
  return out;
}

/** The profile an aws exec already names (its --profile, else AWS_PROFILE in its env), as kubectlContextUses reads it. */
function profileNamedBy(exec: ExecConfig | undefined): string | undefined {
  if (!exec || typeof exec.command !== 'string' || !isAwsCli(exec.command)) return undefined;
  return namedExecProfile((exec.args ?? []).map(String), execEnvEntries(exec));
}

export function execForProfile(current: ExecConfig | undefined, profile: string, cluster: { name?: string; region?: string }): ExecConfig {
  if (current && typeof current.command === 'string' && isAwsCli(current.command) && (current.args ?? []).map(String).includes('get-token')) {
    const env = (current.env ?? []).filter((e) => e && e.name !== 'AWS_PROFILE');
    return { ...current, args: [...withoutProfile((current.args ?? []).map(String)), '--profile', profile], env: [...env, { name: 'AWS_PROFILE', value: profile }] };
  }
  if (!cluster.name || !cluster.region) throw new SetProfileError('the cluster name and region of this context are not known, so the app cannot write its aws exec entry');
  return {
    apiVersion: EXEC_API_VERSION,
    args: ['--region', cluster.region, 'eks', 'get-token', '--cluster-name', cluster.name, '--output', 'json', '--profile', profile],
    command: 'aws',
    env: [{ name: 'AWS_PROFILE', value: profile }],
  };
}

export async function planSetProfile(kc: MergedKubeconfig, contextName: string, profile: string, cluster: { name?: string; region?: string }): Promise<SetProfilePlan> {
  const found = contextNamed(kc, contextName);
  if (!found) throw new SetProfileError(`kubectl has no context named ${contextName}`);
  if (!found.user) throw new SetProfileError(`context ${contextName} names user "${found.context.entry.context?.user ?? ''}", which no kubeconfig file defines`);
  const userName = String(found.user.entry.name);
  const file = await readKubeconfigFile(found.user.file);
  const doc = file.doc.clone();
  const users = doc.get('users', true);
  const item = isSeq(users) ? (users.items.find((u) => isMap(u) && isScalar(u.get('name', true)) && String((u.get('name', true) as { value: unknown }).value) === userName) as YAMLMap | undefined) : undefined;
  if (!item) throw new SetProfileError(`user ${userName} is not in ${file.path} any more — check again`);
  const exec = execForProfile(found.user.entry.user?.exec, profile, cluster);
  // The whole user body is replaced: a fixed token or certificate next to the exec would be sent instead of it.
  const user = doc.createNode({ exec });
  keepFlowStyle(item.get('user', true), user);
  item.set('user', user);
  const after = serializeLike(doc, styleOf(file.text));
  const preview = changePreview(file.text, file.content ? file.doc : null, after, file.path, file.path);
  const alsoAffects = [...kc.contexts.values()].filter((c) => String(c.entry.name) !== contextName && String(c.entry.context?.user ?? '') === userName).map((c) => String(c.entry.name));
  // The entry may already run as this profile through AWS_PROFILE alone: the write then only pins it with --profile,
  // which AWS keys exported in a terminal (they come before AWS_PROFILE for the aws CLI) cannot override.
  const already = profileNamedBy(found.user.entry.user?.exec) === profile;
  const summary = after === file.text
    ? `kubectl already signs in here as AWS profile ${profile} (user entry ${userName} in ${file.path}): nothing to change.`
    : already
    ? `kubectl already signs in here as AWS profile ${profile}. The change only adds --profile ${profile} to its command in user entry ${userName} (in ${file.path}), so that AWS keys set in a terminal (AWS_ACCESS_KEY_ID) cannot take its place${alsoAffects.length ? `; contexts ${alsoAffects.join(', ')} use the same entry` : ''}. The current context does not change.`
    : `kubectl's user entry ${userName} (in ${file.path}) will run \`aws eks get-token\` as AWS profile ${profile}${alsoAffects.length ? `; contexts ${alsoAffects.join(', ')} use the same entry and will run as ${profile} too` : ''}. The current context does not change.`;
  return {
    target: file.path,
    writePath: await realpath(file.path),
    existed: file.exists,
    ...(file.mode !== undefined ? { mode: file.mode } : {}),
    before: file.text,
    after,
    diff: preview.diff,
    relaidOut: preview.relaidOut,
    baseHash: file.hash,
    message: `Context ${contextName} now runs as AWS profile ${profile} (${file.path})`,
    context: contextName,
    user: userName,
    alsoAffects,
    exec,
    summary,
  };
}
