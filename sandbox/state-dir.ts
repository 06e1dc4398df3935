// Writes everything a user (or a test) needs to point `aws`, `kubectl` and the app at a running
// sandbox: a private HOME with AWS config, credentials, SSO cache and kubeconfig, the CA, and an
// env file to source. Nothing is written outside the state directory.
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { renderAwsFiles } from './state-dir-aws.js';
import { renderKubeconfigs, type StaleEndpoint, type StaticTokens } from './state-dir-kube.js';
import { AUTHENTICATOR_SHIM } from './state-dir-shims.js';
import type { World } from './world/world.js';

export interface StateDirOptions {
  /** https://127.0.0.1:<port> of the sandbox's AWS endpoint. */
  awsEndpoint: string;
  /** PEM of the sandbox CA (AWS endpoint and clusters). */
  caPem: string;
  /** Server and CA data of "a deleted earlier cluster": used by kubeconfig entries marked stale. */
  stale: StaleEndpoint;
  /** Bearer tokens minted at start for kubeconfig entries of style `token`, by entry index. */
  staticTokens?: StaticTokens;
}

export interface StateDir {
  envFile: string;
  env: Record<string, string>;
}

/** Inherited variables that would change what the CLI, SDKs or kubectl do; the env file unsets them. */
export const UNSET_VARIABLES = [
  'AWS_PROFILE',
  'AWS_DEFAULT_PROFILE',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_SECURITY_TOKEN',
  'AWS_CREDENTIAL_EXPIRATION',
  'AWS_REGION',
  'AWS_DEFAULT_REGION',
  'AWS_ROLE_ARN',
  'AWS_ROLE_SESSION_NAME',
  'AWS_WEB_IDENTITY_TOKEN_FILE',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  'AWS_ENDPOINT_URL_STS',
  'AWS_ENDPOINT_URL_EKS',
  'AWS_ENDPOINT_URL_SSO',
  'AWS_ENDPOINT_URL_SSO_OIDC',
  'AWS_ENDPOINT_URL_CLOUDWATCH_LOGS',
  'AWS_ENDPOINT_URL_CLOUDTRAIL',
  'AWS_ENDPOINT_URL_IAM',
  'AWS_IGNORE_CONFIGURED_ENDPOINT_URLS',
  'AWS_STS_REGIONAL_ENDPOINTS',
  'AWS_USE_FIPS_ENDPOINT',
  'AWS_USE_DUALSTACK_ENDPOINT',
  'AWS_SDK_LOAD_CONFIG',
  'AWS_MAX_ATTEMPTS',
  'AWS_RETRY_MODE',
  'AWS_DATA_PATH',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
  'AWS_METADATA_SERVICE_TIMEOUT',
  'AWS_METADATA_SERVICE_NUM_ATTEMPTS',
  'AWS_ACCOUNT_ID',
  'AWS_CLI_AUTO_PROMPT',
];

export function writeStateDir(world: World, dir: string, opts: StateDirOptions): StateDir {
  const root = resolve(dir);
  const home = join(root, 'home');
  const awsDir = join(home, '.aws');
  const ssoCacheDir = join(awsDir, 'sso', 'cache');
  const kubeDir = join(home, '.kube');
  for (const d of [root, home, awsDir, ssoCacheDir, kubeDir]) mkdirSync(d, { recursive: true, mode: 0o700 });

  const binDir = join(root, 'bin');
  const aws = renderAwsFiles(world, { bin: binDir, root });
  const configFile = join(awsDir, 'config');
  const credentialsFile = join(awsDir, 'credentials');
  const kubeconfigFile = join(kubeDir, 'config');
  const caFile = join(root, 'ca.pem');
  writePrivate(configFile, aws.config);
  writePrivate(credentialsFile, aws.credentials);
  for (const [name, text] of aws.ssoCache) writePrivate(join(ssoCacheDir, name), text);
  if ([...aws.extraFiles.values()].some((f) => f.executable)) mkdirSync(binDir, { recursive: true, mode: 0o700 });
  for (const [file, { text, executable }] of aws.extraFiles) {
    writePrivate(file, text);
    if (executable) chmodSync(file, 0o700);
  }
  const [firstKubeconfig, secondKubeconfig] = renderKubeconfigs(world, opts.stale, opts.staticTokens);
  writePrivate(kubeconfigFile, firstKubeconfig);
  const kubeconfigFiles = [kubeconfigFile];
  if (secondKubeconfig !== undefined) {
    kubeconfigFiles.push(join(kubeDir, 'config-2'));
    writePrivate(kubeconfigFiles[1], secondKubeconfig);
  }
  // aws-iam-authenticator is not installed with the sandbox: a stand-in on PATH gets the same token from the aws CLI.
  const needsAuthenticator = world.scenario.kubeconfig.some((e) => e.style === 'aws-iam-authenticator');
  if (needsAuthenticator) {
    mkdirSync(binDir, { recursive: true, mode: 0o700 });
    writeFileSync(join(binDir, 'aws-iam-authenticator'), AUTHENTICATOR_SHIM, { mode: 0o755 });
  }
  writeFileSync(caFile, opts.caPem, { mode: 0o644 });

  const env: Record<string, string> = {
    HOME: home,
    AWS_CONFIG_FILE: configFile,
    AWS_SHARED_CREDENTIALS_FILE: credentialsFile,
    AWS_ENDPOINT_URL: opts.awsEndpoint,
    AWS_CA_BUNDLE: caFile,
    NODE_EXTRA_CA_CERTS: caFile,
    AWS_EC2_METADATA_DISABLED: 'true',
    KUBECONFIG: kubeconfigFiles.join(':'),
    ...(needsAuthenticator ? { PATH: `${binDir}:${process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin'}` } : {}),
    ...world.scenario.environment,
  };
  const envFile = join(root, 'env');
  writePrivate(envFile, renderEnvFile(env, needsAuthenticator ? binDir : undefined));
  return { envFile, env };
}

export function renderEnvFile(env: Record<string, string>, pathPrefix?: string): string {
  const lines = [`unset ${UNSET_VARIABLES.join(' ')}`];
  for (const [name, value] of Object.entries(env)) {
    // PATH keeps the shell's own, after the sandbox's programs.
    if (name === 'PATH' && pathPrefix) lines.push(`export PATH=${shellQuote(pathPrefix)}:"$PATH"`);
    else lines.push(`export ${name}=${shellQuote(value)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** POSIX single quoting: safe for any value, including quotes, `$`, backticks and newlines. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

function writePrivate(file: string, text: string): void {
  writeFileSync(file, text, { mode: 0o600 });
  chmodSync(file, 0o600); // an existing file keeps its old mode otherwise
}
