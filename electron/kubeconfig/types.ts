// The kubeconfig shapes this app reads and writes (the subset of clientcmd's v1 Config that matters here).

export interface ExecEnvVar {
  name: string;
  value: string;
}

export interface ExecConfig {
  apiVersion?: string;
  command?: string;
  args?: string[] | null;
  env?: ExecEnvVar[] | null;
  interactiveMode?: string;
  provideClusterInfo?: boolean;
  [key: string]: unknown;
}

export interface ClusterFields {
  server?: string;
  'certificate-authority-data'?: string;
  'certificate-authority'?: string;
  'insecure-skip-tls-verify'?: boolean;
  [key: string]: unknown;
}

export interface UserFields {
  exec?: ExecConfig;
  token?: string;
  tokenFile?: string;
  'client-certificate-data'?: string;
  'client-certificate'?: string;
  [key: string]: unknown;
}

export interface ContextFields {
  cluster?: string;
  user?: string;
  namespace?: string;
  [key: string]: unknown;
}

export interface NamedCluster {
  name: string;
  cluster: ClusterFields;
}

export interface NamedUser {
  name: string;
  user: UserFields;
}

export interface NamedContext {
  name: string;
  context: ContextFields;
}

/** A file's content as parsed; null when the file is absent or empty. */
export interface KubeconfigContent {
  apiVersion?: string;
  kind?: string;
  clusters?: NamedCluster[] | null;
  contexts?: NamedContext[] | null;
  users?: NamedUser[] | null;
  'current-context'?: string | null;
  preferences?: Record<string, unknown> | null;
  [key: string]: unknown;
}
