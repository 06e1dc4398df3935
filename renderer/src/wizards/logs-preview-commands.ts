// The CLI commands the logs wizard shows before a step has run (then the main process's own command replaces them).

import { parseClusterArn } from '../../../shared/cluster-arn.js';
import { shellArg } from '../../../shared/shell-arg.js';

export function clusterOf(arn: string): { name: string; region: string } {
  return parseClusterArn(arn) ?? { region: '', name: arn };
}

/** The commands shown before a step runs; once it ran, the main process's own command replaces them. */
export function previewCommands(clusterArn: string, profile: string) {
  const { name, region } = clusterOf(clusterArn);
  const p = shellArg(profile);
  return {
    status: `aws eks describe-cluster --name ${name} --query cluster.logging --region ${region} --profile ${p}`,
    enable: `aws eks update-cluster-config --name ${name} --region ${region} --logging '{"clusterLogging":[{"types":["authenticator"],"enabled":true}]}' --profile ${p}`,
    update: `aws eks describe-update --name ${name} --update-id <the update id> --region ${region} --profile ${p}`,
  };
}
