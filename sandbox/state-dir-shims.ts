// Programs the sandbox puts in <state dir>/bin for kubeconfig entries that name a tool the machine may not have.

/**
 * aws-iam-authenticator's `token -i CLUSTER [-r ROLE]`, answered by `aws eks get-token` with the same credentials
 * (AWS_PROFILE and the rest of the environment): the same ExecCredential, signed for the STS endpoint the sandbox's
 * env names. The real authenticator has no `--profile` flag; neither has this one.
 */
export const AUTHENTICATOR_SHIM = `#!/bin/sh
# Stands in for aws-iam-authenticator in the EKS sandbox: "token -i CLUSTER [-r ROLE]" via "aws eks get-token".
if [ "$1" != token ]; then echo "Error: unknown command \\"$1\\" for \\"aws-iam-authenticator\\"" >&2; exit 1; fi
shift
cluster=
role=
while [ $# -gt 0 ]; do
  case "$1" in
    -i|--cluster-id) cluster=$2; shift 2 ;;
    -r|--role) role=$2; shift 2 ;;
    *) echo "Error: unknown flag: $1" >&2; exit 1 ;;
  esac
done
if [ -z "$cluster" ]; then echo "Error: cluster ID not specified" >&2; exit 1; fi
if [ -n "$role" ]; then exec aws eks get-token --cluster-name "$cluster" --output json --role-arn "$role"; fi
exec aws eks get-token --cluster-name "$cluster" --output json
`;
