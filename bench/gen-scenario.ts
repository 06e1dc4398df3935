// Generates large, realistic scenarios for benchmarks: many profiles of every kind, many clusters over
// several accounts and regions with mixed authentication modes, aws-auth maps and access entries.
//   npx tsx bench/gen-scenario.ts --profiles 50 --clusters 100 --regions 4 [--accounts 3] [--latency-ms 20] [--seed 7] > file.yaml
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { stringify } from 'yaml';
import { parseScenario } from '../sandbox/scenario/load.js';
import type { Scenario, ScenarioInput } from '../sandbox/scenario/schema.js';

export interface GenerateOptions {
  profiles: number;
  clusters: number;
  regions: number;
  /** Default: one account per 25 clusters, between 2 and 6. */
  accounts?: number;
  latencyMs?: number;
  /** Same seed, same scenario. */
  seed?: number;
}

type AccountIn = ScenarioInput['accounts'][number];
type ProfileIn = NonNullable<ScenarioInput['profiles']>[number];
type ClusterIn = NonNullable<ScenarioInput['clusters']>[number];
type KubeconfigIn = NonNullable<ScenarioInput['kubeconfig']>[number];

const REGIONS = ['us-east-1', 'eu-west-1', 'us-west-2', 'eu-central-1', 'ap-southeast-1', 'ap-northeast-1', 'us-east-2', 'ca-central-1', 'sa-east-1', 'ap-south-1', 'eu-north-1', 'ap-southeast-2'];
const ALIASES = ['prod', 'staging', 'dev', 'sandbox', 'data', 'security', 'shared', 'ml'];
const TEAMS = ['payments', 'checkout', 'search', 'identity', 'ledger', 'catalog', 'shipping', 'analytics', 'platform', 'mobile', 'billing', 'fraud'];
const ENVS = ['prod', 'staging', 'dev', 'qa'];
const PEOPLE = ['alice', 'bob', 'carol', 'dan', 'erin', 'frank', 'gina', 'hank', 'ivy', 'jon', 'kate', 'liam', 'mia', 'noah', 'olga', 'paul'];
const ROLES = ['Admin', 'Developer', 'ReadOnly', 'Deployer', 'DataEngineer', 'SRE'];
const POLICIES = ['AmazonEKSClusterAdminPolicy', 'AmazonEKSAdminPolicy', 'AmazonEKSEditPolicy', 'AmazonEKSViewPolicy'];
const NODE_MAPPING = (account: string) =>
  `- rolearn: arn:aws:iam::${account}:role/eks-node-role\n  username: system:node:{{EC2PrivateDNSName}}\n  groups:\n    - system:bootstrappers\n    - system:nodes\n`;

/** mulberry32: a small deterministic PRNG, so benchmarks can regenerate the same world. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The generated world, validated and with every default applied: ready for `new World()` / `startSandbox()`. */
export function generateScenario(opts: GenerateOptions): Scenario {
  return parseScenario(stringify(generateScenarioInput(opts), { lineWidth: 0 }), '<generated>');
}

/** The same world as the compact input a scenario file holds (defaults left out). */
export function generateScenarioInput(opts: GenerateOptions): ScenarioInput {
  const rand = prng(opts.seed ?? 1);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)];
  const chance = (p: number) => rand() < p;
  const regionCount = Math.max(1, Math.min(opts.regions, REGIONS.length));
  const regions = REGIONS.slice(0, regionCount);
  const accountCount = Math.max(1, opts.accounts ?? Math.min(6, Math.max(2, Math.ceil(opts.clusters / 25))));
  // 111122223333, 222233334444, ... as in the AWS docs; plain numbers past the ninth.
  const accountIds = Array.from({ length: accountCount }, (_, i) => String(i < 8 ? 111122223333 + i * 111111111111 : 900000000000 + i));

  const accounts: AccountIn[] = accountIds.map((id, i) => ({
    id,
    alias: `acme-${ALIASES[i % ALIASES.length]}${i >= ALIASES.length ? `-${i}` : ''}`,
    users: [{ name: 'cluster-creator' }],
    roles: [
      ...ROLES.map((name) => ({ name, trustedBy: [id], mfaRequired: name === 'Admin' })),
      { name: 'eks-node-role', allow: ['ec2:*', 'ecr:*'] },
    ],
  }));

  // Profiles: one static "base" profile per account (the source of role profiles), then a realistic mix.
  const profiles: ProfileIn[] = [];
  let personIndex = 0;
  const newUser = (account: AccountIn, opts: { deleted?: boolean; noEks?: boolean } = {}) => {
    const name = `${PEOPLE[personIndex % PEOPLE.length]}${personIndex >= PEOPLE.length ? Math.floor(personIndex / PEOPLE.length) : ''}`;
    personIndex += 1;
    account.users!.push({
      name,
      ...(opts.deleted ? { accessKeys: [{ status: 'Deleted' as const }] } : {}),
      ...(opts.noEks ? { allow: ['s3:*', 'sts:*'] } : {}),
    });
    return name;
  };
  const target = Math.max(opts.profiles, 0);
  for (const account of accounts) {
    if (profiles.length >= target) break;
    profiles.push({ name: `${account.alias}-base`, user: newUser(account), account: account.id, region: pick(regions) });
  }
  const bases = profiles.slice();
  for (let i = profiles.length; i < target; i++) {
    const account = pick(accounts);
    const base = bases.find((b) => b.account === account.id) ?? bases[0];
    const region = pick(regions);
    const roll = rand();
    const n = profiles.length;
    if (roll < 0.35) {
      profiles.push({ name: `${account.alias}-user-${n}`, user: newUser(account, { noEks: chance(0.1) }), account: account.id, region });
    } else if (roll < 0.65) {
      const role = pick(ROLES.filter((r) => r !== 'Admin'));
      profiles.push({
        name: `${account.alias}-${role.toLowerCase()}-${n}`,
        roleArn: `arn:aws:iam::${account.id}:role/${role}`,
        sourceProfile: base.name,
        roleSessionName: `session-${n}`,
        region,
      });
    } else if (roll < 0.72) {
      profiles.push({
        name: `${account.alias}-admin-mfa-${n}`,
        roleArn: `arn:aws:iam::${account.id}:role/Admin`,
        sourceProfile: base.name,
        mfaSerial: `arn:aws:iam::${account.id}:mfa/${base.user}`,
        roleSessionName: `session-${n}`,
        region,
      });
    } else if (roll < 0.95) {
      const permissionSet = pick(['AdministratorAccess', 'PowerUserAccess', 'ReadOnlyAccess', 'EKSDeveloper']);
      const loggedIn = chance(0.7);
      profiles.push({
        name: `sso-${account.alias}-${permissionSet.toLowerCase()}-${n}`,
        sso: {
          startUrl: loggedIn ? 'https://acme.awsapps.com/start' : 'https://acme-legacy.awsapps.com/start',
          region: regions[0],
          accountId: account.id,
          roleName: permissionSet,
          loggedIn,
          ...(loggedIn ? { sessionName: 'acme' } : {}),
        },
        region,
      });
    } else {
      profiles.push({ name: `${account.alias}-old-key-${n}`, user: newUser(account, { deleted: true }), account: account.id, region });
    }
  }

  const clusters: ClusterIn[] = [];
  for (let i = 0; i < opts.clusters; i++) {
    const account = accounts[i % accounts.length];
    const region = regions[Math.floor(i / accounts.length) % regions.length];
    const roll = rand();
    const mode = roll < 0.4 ? 'CONFIG_MAP' : roll < 0.8 ? 'API_AND_CONFIG_MAP' : 'API';
    const privateOnly = chance(0.05);
    const mapped = ROLES.filter(() => chance(0.5));
    let mapRoles = NODE_MAPPING(account.id);
    for (const role of mapped) {
      const withPath = chance(0.05) ? 'team/' : '';
      mapRoles += `- rolearn: arn:aws:iam::${account.id}:role/${withPath}${role}\n  username: ${role.toLowerCase()}:{{SessionName}}\n  groups:\n    - ${role === 'ReadOnly' ? 'viewers' : 'system:masters'}\n`;
    }
    const cluster: ClusterIn = {
      name: `${TEAMS[i % TEAMS.length]}-${ENVS[Math.floor(i / TEAMS.length) % ENVS.length]}-${i}`,
      account: account.id,
      region,
      version: pick(['1.29', '1.30', '1.31', '1.32']),
      creator: 'cluster-creator',
      authenticationMode: mode,
      ...(privateOnly ? { endpointPublicAccess: false, endpointPrivateAccess: true } : {}),
      logging: chance(0.5) ? ['authenticator'] : [],
      awsAuth: mode === 'API' && chance(0.5) ? undefined : { mapRoles },
      rbac: [{ group: 'viewers', clusterRole: 'view' }],
      createdDaysAgo: Math.floor(rand() * 400),
      tags: { team: TEAMS[i % TEAMS.length] },
    };
    if (mode !== 'CONFIG_MAP') {
      cluster.accessEntries = ROLES.filter(() => chance(0.4)).map((role) => ({
        principalArn: `arn:aws:iam::${account.id}:role/${role}`,
        policies: chance(0.9) ? [{ policyArn: `arn:aws:eks::aws:cluster-access-policy/${pick(POLICIES)}` }] : [],
      }));
    }
    clusters.push(cluster);
  }

  const kubeconfig: KubeconfigIn[] = [];
  for (const c of clusters) {
    if (profiles.length === 0 || !chance(0.6)) continue;
    kubeconfig.push({ cluster: c.name, profile: pick(profiles).name, ...(chance(0.03) ? { stale: true } : {}) });
  }

  return {
    name: `generated-${opts.profiles}p-${opts.clusters}c-${regionCount}r`,
    description: `Generated: ${profiles.length} profiles, ${clusters.length} clusters, ${accountCount} accounts, ${regionCount} regions.`,
    accounts,
    profiles,
    clusters,
    kubeconfig,
    ...(kubeconfig.length > 0 ? { currentContext: kubeconfig[0].cluster } : {}),
    faults: { latencyMs: opts.latencyMs ?? 0 },
  };
}

function positive(name: string, value: string | undefined, fallback?: number): number {
  if (value === undefined) {
    if (fallback !== undefined) return fallback;
    throw new Error(`--${name} is required`);
  }
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number (got ${JSON.stringify(value)})`);
  return n;
}

function main(argv: string[]): number {
  try {
    const { values } = parseArgs({
      args: argv,
      options: {
        profiles: { type: 'string' },
        clusters: { type: 'string' },
        regions: { type: 'string' },
        accounts: { type: 'string' },
        'latency-ms': { type: 'string' },
        seed: { type: 'string' },
      },
    });
    const scenario = generateScenarioInput({
      profiles: positive('profiles', values.profiles),
      clusters: positive('clusters', values.clusters),
      regions: positive('regions', values.regions, 1),
      accounts: values.accounts === undefined ? undefined : positive('accounts', values.accounts),
      latencyMs: positive('latency-ms', values['latency-ms'], 0),
      seed: positive('seed', values.seed, 1),
    });
    const text = stringify(scenario, { lineWidth: 0 });
    parseScenario(text, '<generated>'); // never print a scenario the sandbox would reject
    process.stdout.write(text);
    return 0;
  } catch (err) {
    process.stderr.write(`gen-scenario: ${(err as Error).message}\nusage: gen-scenario --profiles N --clusters N [--regions N] [--accounts N] [--latency-ms N] [--seed N]\n`);
    return 2;
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) process.exitCode = main(process.argv.slice(2));
