// Which (AWS profile, EKS cluster) pairs kubectl uses: for every context of the merged kubeconfig, the cluster
// it talks to and the profile its exec plugin runs as — `--profile` in the args, else AWS_PROFILE in the exec
// env, else the AWS_PROFILE kubectl inherits, else "default" (the aws CLI's chain).
import { parseClusterArn } from '../../shared/cluster-arn.js';
import type { Env } from '../profiles/deps.js';
import { execEnvEntries } from './exec-env.js';
import { normaliseServer } from './find.js';
import { loadMergedKubeconfig, type MergedKubeconfig } from './merge.js';

export interface KubectlContextUse {
  context: string;
  current: boolean;
  /** The cluster entry's name and server (matched to a cluster ARN with the matrix's clusters). */
  clusterEntry: string;
  server?: string;
  profile: string;
}

/** The profile the exec entry itself names: `--profile` in its args, else AWS_PROFILE in its env. */
export function namedExecProfile(args: string[], execEnv: Array<{ name: string; value: string }>): string | undefined {
  const i = args.indexOf('--profile');
  if (i >= 0 && args[i + 1]) return args[i + 1]!;
  const joined = args.find((a) => a.startsWith('--profile='));
  if (joined) return joined.slice('--profile='.length);
  return [...execEnv].reverse().find((v) => v.name === 'AWS_PROFILE' && v.value)?.value;
}

export function execProfile(args: string[], execEnv: Array<{ name: string; value: string }>, env: Env): string {
  return namedExecProfile(args, execEnv) ?? env.AWS_PROFILE ?? env.AWS_DEFAULT_PROFILE ?? 'default';
}

/** Contexts whose user runs an exec plugin; a malformed kubeconfig gives none (kubectl refuses it too). */
export async function kubectlContextUses(env: Env, loaded?: MergedKubeconfig): Promise<KubectlContextUse[]> {
  let kc: MergedKubeconfig;
  try {
    kc = loaded ?? (await loadMergedKubeconfig(env));
  } catch {
    return [];
  }
  const out: KubectlContextUse[] = [];
  for (const [name, { entry }] of kc.contexts) {
    const clusterName = entry.context?.cluster ? String(entry.context.cluster) : undefined;
    const userName = entry.context?.user ? String(entry.context.user) : undefined;
    const exec = userName ? kc.users.get(userName)?.entry.user?.exec : undefined;
    if (!clusterName || !exec) continue;
    const server = kc.clusters.get(clusterName)?.entry.cluster?.server;
    const args = (exec.args ?? []).map(String);
    const execEnv = execEnvEntries(exec);
    out.push({ context: name, current: kc.currentContext === name, clusterEntry: clusterName, ...(typeof server === 'string' ? { server } : {}), profile: execProfile(args, execEnv, env) });
  }
  return out;
}

/** The cluster ARN a context talks to: its cluster entry named by the ARN, or its server being a known endpoint. */
export function clusterArnOf(use: KubectlContextUse, clusters: Array<{ arn: string; endpoint: string }>): string | undefined {
  if (parseClusterArn(use.clusterEntry)) return use.clusterEntry;
  if (parseClusterArn(use.context)) return use.context;
  const server = normaliseServer(use.server);
  return server ? clusters.find((c) => normaliseServer(c.endpoint) === server)?.arn : undefined;
}
