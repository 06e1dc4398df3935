import { Alert, Box, SpaceBetween } from '@cloudscape-design/components';
import type { KubectlToolView } from '../../../shared/contexts-types.js';
import { CommandLine } from '../diagnosis/CommandLine.js';

const INSTALL: Array<[system: string, command: string]> = [
  ['Debian', 'sudo apt-get install -y kubernetes-client'],
  ['Ubuntu', 'sudo snap install kubectl --classic'],
  ['macOS (Homebrew)', 'brew install kubectl'],
  ['Windows (winget)', 'winget install -e --id Kubernetes.kubectl'],
  ['Then check it', 'kubectl version --client'],
];

/** kubectl missing or too old: what that means, and how to install it on each system. */
export function KubectlToolAlert({ tool }: { tool: KubectlToolView }) {
  if (tool.found && !tool.tooOld) return null;
  const header = tool.found ? `Your kubectl (${tool.version}) is too old for today's Amazon EKS clusters` : 'kubectl is not installed on this computer';
  return (
    <Alert type="warning" header={header} data-testid="kubectl-tool-alert">
      <SpaceBetween size="xs">
        <Box variant="p">
          {tool.found
            ? 'kubectl works with clusters at most one Kubernetes version away from its own. This app still checks every cluster below; to use them from your terminal, install a current kubectl:'
            : 'This app still checks every cluster below (it does not need kubectl for that), but your terminal cannot reach them until you install kubectl:'}
        </Box>
        {INSTALL.map(([system, command]) => (
          <div key={system}>
            <Box variant="small">{system}</Box>
            <CommandLine command={command} />
          </div>
        ))}
      </SpaceBetween>
    </Alert>
  );
}
