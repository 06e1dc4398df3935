// The EKS API and the endpoint: may the identity describe the cluster, does it exist, does it answer?
import { isAccessDenied } from '../clusters/errors.js';
import { cause, cellLines, type RankedCause, type RuleContext } from './context.js';

/** The profile's account, when it has no cluster of this name and the cluster found is another account's. */
export function foreignCluster(ctx: RuleContext): string | undefined {
  const { e } = ctx;
  const own = e.ownDescribe;
  const account = e.profileView.identity?.account;
  if (!e.cluster || !own || own.ok || own.failure.code !== 'ResourceNotFoundException' || !account) return undefined;
  return account !== e.cluster.account ? account : undefined;
}

export function clusterRules(ctx: RuleContext): RankedCause[] {
  const { e } = ctx;
  const out: RankedCause[] = [];
  const own = e.ownDescribe;
  if (own && !own.ok && isAccessDenied(own.failure.code)) {
    out.push(
      cause(
        'NO_EKS_PERMISSION',
        `IAM does not allow ${ctx.identityArn ?? e.profile} to call eks:DescribeCluster on ${e.clusterName}, so "aws eks update-kubeconfig" fails and kubectl is never configured for it. An IAM administrator must allow eks:DescribeCluster (and eks:ListClusters) first.`,
        [
          `DescribeCluster ${e.clusterName} with profile ${e.profile}: ${own.failure.code}: ${own.failure.message}`,
          e.cluster ? `the cluster exists: profile ${e.cluster.describedVia} could describe it (${e.cluster.arn})` : 'no other profile could describe the cluster either',
          e.cell ? `probe of the Kubernetes API with this identity anyway: ${e.cell.outcome}${e.cell.username ? ` as ${e.cell.username}` : ''}` : '',
        ],
        // A note where the cell and kubectl's entry work; first where update-kubeconfig (which needs it) is the way on.
        ctx.works && (!e.kubectl || (e.kubectl.context && !e.kubectl.failure && (!e.server || (e.server.serverMatches && e.server.caMatches !== false)))) ? 21 : 2,
      ),
    );
  }
  if (!e.cluster && own && !own.ok && own.failure.code === 'ResourceNotFoundException') {
    out.push(
      cause(
        'CLUSTER_NOT_FOUND',
        `EKS has no cluster named ${e.clusterName} in ${e.region} for account ${e.profileView.identity?.account ?? '(unknown)'}. Check the name, the region (--region) and which account the profile belongs to.`,
        [`DescribeCluster ${e.clusterName} in ${e.region} with profile ${e.profile}: ${own.failure.message}`, `no other profile found a cluster with this name in ${e.region}`],
        2,
      ),
    );
  }
  const foreign = foreignCluster(ctx);
  if (foreign) {
    const c = e.cluster!;
    const theirs = e.profiles.filter((p) => p.account === c.account).map((p) => p.name);
    out.push(
      cause(
        'CLUSTER_NOT_FOUND',
        `Account ${foreign} (profile ${e.profile}) has no cluster named ${c.name} in ${c.region}. The cluster ${c.name} is in account ${c.account} (${c.arn})${theirs.length ? `; your profile${theirs.length === 1 ? '' : 's'} of that account: ${theirs.join(', ')}` : ', and none of your profiles belongs to that account'}. Use a profile of account ${c.account} for it; an identity of another account is not given access to it here.`,
        [`DescribeCluster ${c.name} in ${c.region} with profile ${e.profile} (account ${foreign}): ${own!.ok ? '' : own!.failure.message}`, `profile ${c.describedVia} describes ${c.arn}`, theirs.length ? `profiles of account ${c.account}: ${theirs.join(', ')}` : `no profile of account ${c.account}`],
        2,
      ),
    );
  }
  const unreachable = e.cell?.outcome === 'UNREACHABLE';
  if (e.cluster && unreachable) {
    const c = e.cluster;
    const privateOnly = c.endpointPublicAccess === false;
    out.push(
      cause(
        'ENDPOINT_UNREACHABLE',
        privateOnly
          ? `The API server of ${c.name}, the address kubectl talks to, is private: it answers only inside the cluster's own network (its VPC), and public access is off. From this machine it never answers; connect through that network (a VPN, or a jump host inside it); only if that is not possible, turn public access on for your own address alone.`
          : `The API server of ${c.name}, the address kubectl talks to, does not answer from this machine (the network, a firewall, or public access limited to other addresses). kubectl times out or is refused before any sign-in happens.`,
        [
          // "name value", not "name=value": the redaction policy masks the value of a name with "private" in it.
          `DescribeCluster: endpointPublicAccess=${c.endpointPublicAccess ?? 'unknown'} (public access ${onOff(c.endpointPublicAccess)}), endpointPrivateAccess ${c.endpointPrivateAccess ?? 'unknown'} (private access ${onOff(c.endpointPrivateAccess)})`,
          `endpoint ${c.endpoint}: ${e.cell?.message ?? 'no answer'}`,
          ...cellLines(e).filter((l) => l.includes('UNREACHABLE')).slice(0, 5),
        ],
        3,
      ),
    );
  }
  return out;
}

const onOff = (v: boolean | undefined) => (v === undefined ? 'not known' : v ? 'on' : 'off');
