/** The parts of an EKS cluster ARN (`arn:aws:eks:REGION:ACCOUNT:cluster/NAME`), or undefined for anything else. */
export function parseClusterArn(arn: string): { region: string; account: string; name: string } | undefined {
  const m = /^arn:aws[a-z-]*:eks:([a-z0-9-]+):(\d{12}):cluster\/(.+)$/.exec(arn);
  return m ? { region: m[1]!, account: m[2]!, name: m[3]! } : undefined;
}
