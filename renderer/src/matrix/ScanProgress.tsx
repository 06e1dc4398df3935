import { Box, ProgressBar, SpaceBetween, StatusIndicator } from '@cloudscape-design/components';
import type { MatrixModel } from './useMatrix.js';
import { formatSeconds } from './format.js';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * What a running scan is doing. While clusters are still being found the total grows, so a percentage would
 * sit near 0 % for most of a first scan: it shows what is known so far instead (profiles checked, clusters
 * found, cells answered). The bar appears once every cluster is known and the total is final.
 */
export function ScanProgress({ model, starting = false }: { model: MatrixModel; starting?: boolean }) {
  // Asked for but not begun yet: what is shown is the last scan's, so nothing of it is counted.
  const progress = starting ? undefined : model.progress;
  const checked = model.profiles.filter((p) => p.status !== 'pending').length;
  const elapsed = progress ? ` · ${formatSeconds(progress.elapsedMs)}` : '';
  if (progress && !progress.discovering && progress.total > 0) {
    return (
      <div data-testid="matrix-progress">
        <ProgressBar
          value={Math.round((progress.done / progress.total) * 100)}
          label="Scanning"
          description={`${progress.done} of ${progress.total} cells checked — every cluster is found`}
          additionalInfo={`Elapsed ${formatSeconds(progress.elapsedMs)}`}
        />
      </div>
    );
  }
  const found = [
    plural(checked, 'profile checked', 'profiles checked'),
    plural(model.clusters.length, 'cluster found so far', 'clusters found so far'),
    ...(progress?.done ? [plural(progress.done, 'cell answered', 'cells answered')] : []),
  ];
  return (
    <div data-testid="matrix-progress">
      <SpaceBetween size="xxs">
        <StatusIndicator type="loading">
          <span data-testid="matrix-progress-text">
            {starting || (checked === 0 && model.clusters.length === 0) ? 'Checking your profiles and looking for clusters…' : `Scanning: ${found.join(', ')}${elapsed}`}
          </span>
        </StatusIndicator>
        <Box variant="small" color="text-body-secondary">
          Each profile looks for clusters in every region it may use; cells fill in as clusters are found.
        </Box>
      </SpaceBetween>
    </div>
  );
}
