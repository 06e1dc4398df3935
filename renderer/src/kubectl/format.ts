// Plain words for what kubectl does with a context: how it signs in, and what the cluster answered.
import type { ContextCredentialView, KubectlContextView } from '../../../shared/contexts-types.js';


export function outcomeWords(c: KubectlContextView): string {
  switch (c.outcome) {
    case 'ADMIN':
      return 'Works: kubectl gets in with full administrator rights';
    case 'ACCESS':
      return 'Works: kubectl gets in and can list services';
    case 'FORBIDDEN':
      return 'Signed in, but not allowed to do anything kubectl asked';
    case 'UNAUTHORIZED':
      return 'Refused: kubectl says "You must be logged in to the server (Unauthorized)" — the cluster does not accept this identity';
    case 'NO_CREDENTIALS':
      return 'kubectl gets no credentials, so it cannot sign in';
    case 'UNREACHABLE':
      return "The cluster's address does not answer from this computer";
    case 'ERROR':
      return 'Something went wrong talking to the cluster';
    default:
      return 'Not checked';
  }
}

export function credentialWords(c: ContextCredentialView): string {
  switch (c.kind) {
    case 'aws-cli':
      return 'The aws command makes a fresh token each time';
    case 'aws-iam-authenticator':
      return 'aws-iam-authenticator makes a fresh token each time';
    case 'app-token':
      return 'EKS Access Doctor makes a fresh token each time';
    case 'other-exec':
      return 'Another program makes the token';
    case 'static-token':
      return 'A fixed token saved in the kubeconfig';
    case 'client-certificate':
      return 'A client certificate';
    default:
      return 'No credentials';
  }
}

export function profileWords(c: ContextCredentialView): string | undefined {
  if (!c.profile) return undefined;
  const from =
    c.profileSource === 'exec-args'
      ? 'named with --profile in the kubeconfig'
      : c.profileSource === 'exec-env'
        ? 'AWS_PROFILE in the kubeconfig'
        : c.profileSource === 'environment'
          ? 'AWS_PROFILE in your shell'
          : 'no profile named, so the default one';
  return `${c.profile} (${from})${c.profileExists === false ? ' — not in your AWS config' : ''}`;
}

/** `arn:aws:eks:us-east-1:111122223333:cluster/prod` → account and region words. */
export function clusterWords(c: KubectlContextView, accountOf: (account: string) => string = (a) => a): string {
  const parts = [c.clusterName ?? c.server ?? '?'];
  if (c.account) parts.push(`account ${accountOf(c.account)}`);
  if (c.region) parts.push(c.region);
  return parts.join(' · ');
}

/** A working context's one line: it works, who it signs in as, and what it may do. */
export function worksWords(c: KubectlContextView): string {
  const may = c.outcome === 'ADMIN' ? 'with full administrator rights' : 'and can list services';
  return `Works — kubectl signs in as ${c.identityArn ?? 'an identity AWS did not name'} ${may}`;
}
