import { Box, Button, Container, Header, SpaceBetween, Spinner, Table } from '@cloudscape-design/components';
import type { DiagnosisFixView } from '../../../shared/diagnosis-types.js';
import { cellKey } from '../matrix/format.js';
import type { useMatrix } from '../matrix/useMatrix.js';
import { outcomeWorks } from '../../../shared/matrix-types.js';

interface Props {
  files: Array<{ path: string; exists: boolean }>;
  matrix: ReturnType<typeof useMatrix>;
  onAdd: (fix: DiagnosisFixView, clusterArn: string) => void;
}

/** The fix `aws eks update-kubeconfig` is, for a cluster and the profile that gets in (the one-click kubeconfig fix opens it). */
function addFix(profile: string, name: string, region: string): DiagnosisFixView {
  return {
    id: 'update-kubeconfig',
    title: `Add ${name} to kubectl with profile ${profile}`,
    family: 'kubeconfig',
    steps: [{ title: 'Add the cluster to your kubeconfig', command: `aws eks update-kubeconfig --name ${name} --region ${region} --profile ${profile}` }],
    kubeconfig: { profile, pinProfile: false },
  };
}

/** No kubeconfig yet: the clusters your profiles can see, each with the profile that gets in, to add in one click. */
export function AddClusters({ files, matrix, onAdd }: Props) {
  const m = matrix.model;
  const rows = m.clusters.flatMap((c) => {
    const cells = m.profiles.map((p) => m.cells.get(cellKey(p.name, c.arn))).filter((x) => x !== undefined);
    const best = cells.find((x) => outcomeWorks(x.outcome));
    return best ? [{ cluster: c, profile: best.profile, outcome: best.outcome }] : [];
  });
  return (
    <Container header={<Header variant="h2">kubectl has no clusters yet</Header>} data-testid="contexts-empty">
      <SpaceBetween size="m">
        <Box variant="p">
          There is no cluster in {files.map((f) => f.path).join(', ') || 'your kubeconfig'} yet, so <code>kubectl</code> does not know where to go. The app
          can look for the clusters your AWS profiles can reach and add the one you pick, the way <code>aws eks update-kubeconfig</code> does.
        </Box>
        {m.scanId === 0 && (
          <div>
            <Button variant="primary" onClick={() => void matrix.start()} data-testid="find-clusters">Find the clusters my profiles can reach</Button>
          </div>
        )}
        {m.running && (
          <Box><Spinner /> Looking for clusters with each profile…</Box>
        )}
        {m.scanId > 0 && !m.running && rows.length === 0 && <Box>None of your profiles gets into a cluster yet. The Access matrix shows why for each one.</Box>}
        {rows.length > 0 && (
          <Table
            data-testid="addable-clusters"
            variant="embedded"
            items={rows}
            columnDefinitions={[
              { id: 'cluster', header: 'Cluster', cell: (r) => r.cluster.name },
              { id: 'where', header: 'Account · region', cell: (r) => `${r.cluster.account} · ${r.cluster.region}` },
              { id: 'profile', header: 'Gets in with profile', cell: (r) => r.profile },
              {
                id: 'add',
                header: '',
                cell: (r) => (
                  <Button onClick={() => onAdd(addFix(r.profile, r.cluster.name, r.cluster.region), r.cluster.arn)} data-testid="add-cluster" data-cluster={r.cluster.name}>
                    Add to kubectl
                  </Button>
                ),
              },
            ]}
          />
        )}
      </SpaceBetween>
    </Container>
  );
}
