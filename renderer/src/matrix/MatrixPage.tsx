import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { ExpiryKind, ExpiryWords } from '../../../shared/expiry-words.js';
import {
  Alert, Box, Button, Checkbox, Container, ExpandableSection, FormField, Header, Input, Multiselect, SpaceBetween, TextFilter, Toggle,
} from '@cloudscape-design/components';
import { clockSkewIn, skewText } from '../../../shared/clock-skew.js';
import { describeAwsError } from '../../../shared/aws-error-words.js';
import { regionName, scanConcurrency } from '../../../shared/contract.js';
import { api } from '../api.js';
import { useCall } from '../useCall.js';
import { downloadText } from './download.js';
import { applyFilters, formatSeconds, hiddenWords, NO_FILTERS, onlyProblemsNote, orderClusters, typeLabel, type MatrixFilters } from './format.js';
import { MatrixGrid } from './MatrixGrid.js';
import { expectedProblem, kubectlMarks, LEGEND_KEYS, legendCounts, notExpected } from './expectations.js';
import { MatrixLegend } from './MatrixLegend.js';
import { ScanProgress } from './ScanProgress.js';
import { matrixSummary } from './summary.js';
import type { useMatrix } from './useMatrix.js';
import './matrix.css';

type MatrixHook = ReturnType<typeof useMatrix>;

interface Props {
  matrix: MatrixHook;
  /** When each profile's sign-in or credentials end, in words (from the Profiles page's checks). */
  expiries?: Map<string, ExpiryWords & { kind: ExpiryKind }>;
  selected?: { profile: string; clusterArn: string };
  onOpen: (profile: string, clusterArn: string, fromKeyboard?: boolean) => void;
}

const options = (values: string[], label: (v: string) => string = (v) => v) => values.map((v) => ({ value: v, label: label(v) }));

export function MatrixPage({ matrix, expiries, selected, onOpen }: Props) {
  const { model, callError, clearError, start, cancel, rerun } = matrix;
  const [filters, setFilters] = useState<MatrixFilters>(NO_FILTERS);
  const [regionsText, setRegionsText] = useState('');
  const [allRegions, setAllRegions] = useState(false);
  const [concurrency, setConcurrency] = useState('');
  const exportCall = useCall((format: 'csv' | 'json') => api['matrix.export']({ format }));
  const autoStarted = useRef(false);
  // From the click (or the first visit) until the server's first event: the scan is said to be starting at once.
  const [starting, setStarting] = useState(false);
  const begin = useCallback(
    (settings?: Parameters<typeof start>[0]) => {
      setStarting(true);
      void start(settings).finally(() => setStarting(false));
    },
    [start],
  );
  // Stable callbacks: the grid's rows are memoised.
  const rerunRow = useCallback((profile: string) => void rerun({ profile }), [rerun]);
  const rerunColumn = useCallback((clusterArn: string) => void rerun({ clusterArn }), [rerun]);

  // The first visit starts a scan: the matrix is what the page is for.
  useEffect(() => {
    if (model.loaded && model.scanId === 0 && !autoStarted.current) {
      autoStarted.current = true;
      // Another page may have just started one (the Profiles page's "Scan all"): only start when the server has none.
      setStarting(true);
      void api['matrix.snapshot']({})
        .then((s) => (s.scanId === 0 ? start() : undefined))
        .finally(() => setStarting(false));
    }
  }, [model.loaded, model.scanId, start]);

  const profiles = useMemo(() => [...model.profiles].sort((a, b) => a.name.localeCompare(b.name, undefined, { numeric: true })), [model.profiles]);
  // A wrong clock makes AWS refuse every call: say that, not "no clusters found".
  const clockSkew = useMemo(() => clockSkewIn([...model.profiles.map((p) => p.error?.message), ...model.failures.map((f) => f.message)], new Date()), [model.profiles, model.failures]);
  const clusters = useMemo(() => orderClusters(model.clusters), [model.clusters]);
  const marks = useMemo(() => kubectlMarks(model.kubectl), [model.kubectl]);
  const { rows, cols } = useMemo(
    () => applyFilters(profiles, clusters, model.cells, filters, (cell, p, c) => expectedProblem(cell, p, c, marks)),
    [profiles, clusters, model.cells, filters, marks],
  );
  /** Failing cells someone expects to work, and the cross-account pairs nobody expects to (counted apart). */
  const expectation = useMemo(() => {
    let failing = 0;
    let unexpected = 0;
    const byName = new Map(profiles.map((p) => [p.name, p]));
    const byArn = new Map(clusters.map((c) => [c.arn, c]));
    for (const cell of model.cells.values()) {
      const p = byName.get(cell.profile);
      const c = byArn.get(cell.clusterArn);
      if (!p || !c) continue;
      if (notExpected(cell, p, c, marks)) unexpected++;
      else if (expectedProblem(cell, p, c, marks)) failing++;
    }
    return { failing, unexpected };
  }, [model.cells, profiles, clusters, marks]);

  const accounts = useMemo(() => [...new Set(clusters.map((c) => c.account))].sort(), [clusters]);
  const regions = useMemo(() => [...new Set(clusters.map((c) => c.region))].sort(), [clusters]);
  const types = useMemo(() => [...new Set(profiles.map((p) => p.type))].sort(), [profiles]);
  // The legend counts the cells the grid shows, by the word each shows: greyed pairs as "Not expected", and with
  // "Only problems" only the problems (the rest are blanked).
  const counts = useMemo(
    () => legendCounts(rows, cols, model.cells, marks, { onlyProblems: filters.onlyProblems, pending: model.pending }),
    [filters.onlyProblems, rows, cols, model.cells, model.pending, marks],
  );
  // A chip of 0 says nothing: only the words some cell shows get one.
  const chips = LEGEND_KEYS.filter((k) => counts[k] > 0);
  const kubectlTags = useMemo(() => ({ any: marks.size > 0, current: [...marks.values()].some((m) => m.current) }), [marks]);
  /** What the filters hide: rows, columns, and the cells "Only problems" blanks in those left. */
  const hidden = useMemo(() => {
    const sum = (n: Record<string, number>) => Object.values(n).reduce((a, b) => a + b, 0);
    const blanked = filters.onlyProblems ? sum(legendCounts(rows, cols, model.cells, marks, { pending: model.pending })) - sum(counts) : 0;
    return hiddenWords(profiles.length - rows.length, clusters.length - cols.length, blanked);
  }, [filters.onlyProblems, rows, cols, model.cells, model.pending, marks, counts, profiles.length, clusters.length]);
  /** What "Only problems" hid, said in a line: a toggle that seems to do nothing needs one. */
  const problemsNote = useMemo(() => {
    if (!filters.onlyProblems) return undefined;
    const before = applyFilters(profiles, clusters, model.cells, { ...filters, onlyProblems: false });
    const problems = LEGEND_KEYS.reduce((n, k) => n + counts[k], 0);
    return onlyProblemsNote(before.rows.length, rows.length, before.cols.length, cols.length, problems);
  }, [filters, profiles, clusters, model.cells, rows.length, cols.length, counts]);

  const regionList = regionsText.split(/[\s,]+/).filter(Boolean);
  const badRegion = regionList.find((r) => !regionName.safeParse(r).success);
  // The contract's rule (a whole number in its range), worded for the field.
  const concurrencyRule = concurrency === '' ? undefined : scanConcurrency.safeParse(Number(concurrency)).error?.issues[0]?.message;
  const concurrencyProblem = concurrencyRule && (Number.isInteger(Number(concurrency)) ? concurrencyRule.replace(/^concurrency is a/, 'A') : 'A whole number');
  const badConcurrency = Boolean(concurrencyProblem);
  const scanAgain = () =>
    begin({
      ...(regionList.length ? { regions: regionList } : allRegions ? { allRegions: true } : {}),
      ...(concurrency ? { concurrency: Number(concurrency) } : {}),
    });

  const doExport = (format: 'csv' | 'json') => void exportCall.run(format).then((file) => file && downloadText(file.filename, file.mimeType, file.content));

  const filtered = hidden !== undefined;
  const summary = matrixSummary({
    cells: model.cells.size, profiles: profiles.length, clusters: clusters.length, rows: rows.length, cols: cols.length,
    counts, ...expectation, filtered, took: formatSeconds(model.elapsedMs),
  });
  const deniedByProfile = useMemo(() => {
    const m = new Map<string, { operation: string; regions: string[] }>();
    for (const d of model.denials) {
      const e = m.get(d.profile) ?? { operation: d.operation, regions: [] };
      if (!e.regions.includes(d.region)) e.regions.push(d.region);
      m.set(d.profile, e);
    }
    return [...m.entries()];
  }, [model.denials]);

  return (
    <SpaceBetween size="s">
      <Header
        variant="h1"
        counter={model.scanId ? `(${profiles.length} × ${clusters.length})` : undefined}
        description="Every profile (row) against every cluster (column), probed for real. Select a cell for the evidence."
        actions={
          <SpaceBetween direction="horizontal" size="xs">
            {model.running && (
              <Button onClick={() => void cancel()} data-testid="matrix-cancel">
                Cancel
              </Button>
            )}
            <Button iconName="refresh" variant={model.running ? 'normal' : 'primary'} onClick={scanAgain} disabled={Boolean(badRegion) || badConcurrency} data-testid="matrix-scan">
              Scan again
            </Button>
            <Button iconName="download" onClick={() => doExport('csv')} disabled={!model.clusters.length} data-testid="export-csv">
              Export CSV
            </Button>
            <Button iconName="download" onClick={() => doExport('json')} disabled={!model.clusters.length} data-testid="export-json">
              Export JSON
            </Button>
          </SpaceBetween>
        }
      >
        Access matrix
      </Header>

      {callError && (
        <Alert type="error" dismissible onDismiss={clearError} data-testid="matrix-call-error">
          {callError}
        </Alert>
      )}
      {exportCall.error && (
        <Alert type="error" dismissible onDismiss={exportCall.reset}>
          Export failed: {exportCall.error.message}
        </Alert>
      )}
      {model.error && (
        <Alert type="error" header="The scan could not run" data-testid="matrix-error">
          {model.error.message}
        </Alert>
      )}

      {model.running || starting || (model.scanId === 0 && !model.error && !callError) ? (
        <ScanProgress model={model} starting={!model.running} />
      ) : model.scanId > 0 && !model.error ? (
        <Box color="text-body-secondary" data-testid="matrix-summary">
          {model.cancelled ? 'Cancelled: ' : ''}
          {summary.scope}
          {model.regions.length ? ` — regions searched: ${model.regions.join(', ')}` : ''}
          <br />
          <span data-testid="matrix-expectation" data-failing={summary.failing} data-unexpected={summary.unexpected}>
            {summary.expectation}
          </span>
        </Box>
      ) : null}

      {(chips.length > 0 || kubectlTags.any) && <MatrixLegend chips={chips} counts={counts} kubectl={kubectlTags} filtered={filtered} />}

      {clusters.length > 0 && (
      <div className="mx-filters">
        <div style={{ flex: '1 1 150px', minWidth: 150, maxWidth: 220 }}>
          <TextFilter
            filteringText={filters.text}
            filteringPlaceholder="Find by name"
            filteringAriaLabel="Filter profiles and clusters"
            onChange={(e) => setFilters((f) => ({ ...f, text: e.detail.filteringText }))}
            data-testid="matrix-text-filter"
          />
        </div>
        <div style={{ flex: '1 1 130px', maxWidth: 170 }}>
          <Multiselect
            placeholder={filters.accounts.length ? `Accounts: ${filters.accounts.join(', ')}` : 'All accounts'}
            selectedAriaLabel="Selected"
            options={options(accounts)}
            selectedOptions={options(filters.accounts)}
            onChange={(e) => setFilters((f) => ({ ...f, accounts: e.detail.selectedOptions.map((o) => o.value!) }))}
            hideTokens
            data-testid="filter-account"
          />
        </div>
        <div style={{ flex: '1 1 125px', maxWidth: 160 }}>
          <Multiselect
            placeholder={filters.regions.length ? `Regions: ${filters.regions.join(', ')}` : 'All regions'}
            selectedAriaLabel="Selected"
            options={options(regions)}
            selectedOptions={options(filters.regions)}
            onChange={(e) => setFilters((f) => ({ ...f, regions: e.detail.selectedOptions.map((o) => o.value!) }))}
            hideTokens
            data-testid="filter-region"
          />
        </div>
        <div style={{ flex: '1 1 150px', maxWidth: 180 }}>
          <Multiselect
            placeholder={filters.types.length ? `Types: ${filters.types.map(typeLabel).join(', ')}` : 'All profile types'}
            selectedAriaLabel="Selected"
            options={options(types, typeLabel)}
            selectedOptions={options(filters.types, typeLabel)}
            onChange={(e) => setFilters((f) => ({ ...f, types: e.detail.selectedOptions.map((o) => o.value!) }))}
            hideTokens
            data-testid="filter-type"
          />
        </div>
        <Toggle checked={filters.onlyProblems} onChange={(e) => setFilters((f) => ({ ...f, onlyProblems: e.detail.checked }))} data-testid="filter-problems">
          Only problems
        </Toggle>
        {filtered && (
          <Button variant="link" onClick={() => setFilters(NO_FILTERS)} data-testid="filter-clear">
            Clear filters ({hidden} hidden)
          </Button>
        )}
      </div>
      )}
      {problemsNote && model.cells.size > 0 && (
        <Box color="text-body-secondary" data-testid="only-problems-note">
          {problemsNote}
        </Box>
      )}

      {model.scanId > 0 && !model.running && !model.error && profiles.length === 0 ? (
        <Container header={<Header variant="h2">No AWS profiles to scan</Header>} data-testid="matrix-empty">
          The matrix has one row per AWS profile. Add profiles with <Box variant="code">aws configure</Box> or{' '}
          <Box variant="code">aws configure sso</Box>, then choose Scan again.
        </Container>
      ) : model.scanId > 0 && !model.running && !model.error && clusters.length === 0 && clockSkew ? (
        <Container header={<Header variant="h2">This computer's clock is wrong</Header>} data-testid="matrix-empty">
          <SpaceBetween size="s">
            <Box>
              {skewText(clockSkew.seconds).replace(/^this machine's/, "This computer's")}, so AWS refuses every request it signs and no cluster can be
              listed. Set the date and time to update automatically (on Linux: <Box variant="code">sudo timedatectl set-ntp true</Box>), then choose
              Scan again.
            </Box>
            <Box variant="small">AWS answered: {clockSkew.message}</Box>
          </SpaceBetween>
        </Container>
      ) : model.scanId > 0 && !model.running && !model.error && clusters.length === 0 ? (
        <Container header={<Header variant="h2">No clusters found</Header>} data-testid="matrix-empty">
          None of the {profiles.length} profiles could list an EKS cluster in {model.regions.join(', ') || 'the regions searched'}. If your
          clusters are in other regions, name them under Scan settings (or search all EKS regions) and scan again.
        </Container>
      ) : rows.length === 0 || cols.length === 0 ? (
        model.cells.size > 0 ? (
          <Container data-testid="matrix-empty">
            <Box textAlign="center">
              No cell matches the filters. <Button variant="link" onClick={() => setFilters(NO_FILTERS)}>Clear filters</Button>
            </Box>
          </Container>
        ) : (
          <Container data-testid="matrix-waiting">
            <Box textAlign="center" color="text-body-secondary">Looking for clusters with each profile…</Box>
          </Container>
        )
      ) : (
        <MatrixGrid
          rows={rows}
          cols={cols}
          cells={model.cells}
          pending={model.pending}
          updates={model.updates}
          onlyProblems={filters.onlyProblems}
          marks={marks}
          expiries={expiries}
          selected={selected}
          compact={Boolean(selected)}
          onOpen={onOpen}
          onRerunRow={rerunRow}
          onRerunColumn={rerunColumn}
        />
      )}

      {deniedByProfile.length > 0 && (
        <Alert type="info" header="Some profiles may not list or describe clusters" data-testid="matrix-denied">
          <SpaceBetween size="xxs">
            {deniedByProfile.map(([profile, d]) => (
              <Box key={profile}>
                <strong>{profile}</strong> lacks <Box variant="code">eks:{d.operation}</Box> in {d.regions.join(', ')}. Its row is still probed
                with the endpoints other profiles found; this is a note, not a failure of the scan.
              </Box>
            ))}
          </SpaceBetween>
        </Alert>
      )}
      {model.failures.length > 0 && (
        <Alert type="warning" header="Cluster discovery failed for some profiles and regions" data-testid="matrix-failures">
          <SpaceBetween size="xxs">
            {model.failures.map((f, i) => (
              <Box key={i}>
                <strong>{f.profile}</strong>: {f.operation} in {f.region} — {describeAwsError(f.code, f.message)}
              </Box>
            ))}
          </SpaceBetween>
        </Alert>
      )}

      <ExpandableSection headerText="Scan settings" variant="footer">
        <SpaceBetween direction="horizontal" size="l">
          <FormField label="Regions" description="Comma-separated; replaces the profiles' own regions" errorText={badRegion ? `"${badRegion}" is not a region name` : undefined}>
            <Input value={regionsText} placeholder="us-east-1, eu-west-1" onChange={(e) => setRegionsText(e.detail.value)} disabled={allRegions} />
          </FormField>
          <FormField label="All EKS regions" description="Slower: every commercial region">
            <Checkbox checked={allRegions} onChange={(e) => setAllRegions(e.detail.checked)} disabled={regionList.length > 0}>
              Search all regions
            </Checkbox>
          </FormField>
          <FormField label="Concurrency" description="Kubernetes requests at once (default 64)" errorText={concurrencyProblem}>
            <Input value={concurrency} inputMode="numeric" placeholder="64" onChange={(e) => setConcurrency(e.detail.value)} />
          </FormField>
        </SpaceBetween>
      </ExpandableSection>
    </SpaceBetween>
  );
}
