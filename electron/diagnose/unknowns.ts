// What the evidence could not settle, and the step that would — never a silent guess.
import type { RuleContext } from './context.js';
import type { Unknown } from './types.js';

/** The unknowns list who created the cluster (with the sources' notes): a 401 for a valid identity, no creator found. */
export function creatorUnknownListed(ctx: RuleContext): boolean {
  const { e } = ctx;
  return Boolean(e.cluster && e.cell?.outcome === 'UNAUTHORIZED' && e.profileView.status === 'valid' && !e.creator?.arn);
}

export function unknownsOf(ctx: RuleContext): Unknown[] {
  const { e } = ctx;
  const out: Unknown[] = [];
  const c = e.cluster;
  if (!c) {
    if (e.profileView.status !== 'valid') {
      out.push({ what: 'the cluster and how it maps this identity', why: `profile ${e.profile} has no usable credentials, and no other profile could describe ${e.clusterName} in ${e.region}`, step: 'fix the credentials, then run the diagnosis again' });
    }
    return out;
  }
  const failing = e.cell && e.cell.outcome === 'UNAUTHORIZED';
  if (failing && c.authenticationMode !== 'API' && !e.awsAuth?.ok) {
    out.push({
      what: 'what aws-auth maps',
      why: e.awsAuth ? `reading kube-system/aws-auth failed with profile ${e.awsAuth.via}: ${e.awsAuth.failure.code}` : 'none of your profiles may read kube-system/aws-auth',
      step: `ask a cluster administrator to run: kubectl -n kube-system get configmap aws-auth -o yaml   (or: eksctl get iamidentitymapping --cluster ${c.name} --region ${c.region})`,
    });
  }
  if (failing && c.authenticationMode !== 'CONFIG_MAP' && e.accessEntries && !e.accessEntries.ok) {
    out.push({ what: 'the access entries', why: `ListAccessEntries failed: ${e.accessEntries.failure.code}`, step: `aws eks list-access-entries --cluster-name ${c.name} --region ${c.region} (with eks:ListAccessEntries permission)` });
  }
  if (failing && !c.logTypes.includes('authenticator')) {
    out.push({
      what: "the authenticator's own reason for the 401",
      why: 'the cluster does not send authenticator logs to CloudWatch',
      step: `aws eks update-cluster-config --name ${c.name} --region ${c.region} --logging '{"clusterLogging":[{"types":["authenticator"],"enabled":true}]}'`,
    });
  } else if (failing && e.logs && !e.logs.ok) {
    out.push({ what: "the authenticator's own reason for the 401", why: `Logs Insights failed: ${e.logs.failure.code}`, step: `query log group /aws/eks/${c.name}/cluster with a profile allowed logs:StartQuery` });
  }
  if (creatorUnknownListed(ctx)) {
    out.push({
      what: 'who created the cluster',
      why: e.creator?.notes.join('; ') || 'no source answered',
      step: `aws cloudtrail lookup-events --region ${c.region} --lookup-attributes AttributeKey=EventName,AttributeValue=CreateCluster; or Logs Insights on /aws/eks/${c.name}/cluster: filter @message like "username=kubernetes-admin"`,
    });
  }
  if (!e.kubectl) out.push({ what: 'what kubectl presents', why: 'the kubeconfig could not be examined', step: 'kubectl config view --minify; aws sts get-caller-identity' });
  return out;
}
