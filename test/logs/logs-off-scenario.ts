// The logs tests' world: cluster "quiet" with the authenticator log off; priya created it; tom and tom-admin are not
// mapped and may only describe (no eks:UpdateClusterConfig, no logs:*).
export const LOGS_OFF_SCENARIO = `
name: logs-off
description: The authenticator log of "quiet" is off; tom and tom-admin are not mapped; tom may not change the cluster.
accounts:
  - id: "111122223333"
    users:
      - name: priya
      - name: tom
        allow: ["eks:Describe*", "eks:List*", "sts:*"]
      - name: tom-admin
        allow: ["eks:Describe*", "eks:List*", "sts:*"]
profiles:
  - name: priya
    user: priya
    region: us-east-1
  - name: tom
    user: tom
    region: us-east-1
  - name: tom-admin
    user: tom-admin
    region: us-east-1
clusters:
  - name: quiet
    account: "111122223333"
    region: us-east-1
    creator: priya
    authenticationMode: CONFIG_MAP
    logging: []
    awsAuth:
      mapUsers: ""
`;

export const QUIET_ARN = 'arn:aws:eks:us-east-1:111122223333:cluster/quiet';
export const TOM_ARN = 'arn:aws:iam::111122223333:user/tom';
export const TOM_ADMIN_ARN = 'arn:aws:iam::111122223333:user/tom-admin';
