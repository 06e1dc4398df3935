import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import { Alert, Box, Button, Container, Header, KeyValuePairs, Pagination, SpaceBetween, StatusIndicator, Table, TextFilter } from '@cloudscape-design/components';
import type { ProfilesListResult, ProfileView } from '../../../shared/profile-types.js';
import { api } from '../api.js';
import { useCall } from '../useCall.js';
import { TYPE_LABEL } from '../../../shared/profile-words.js';
import { expiryWords } from '../../../shared/expiry-words.js';
import { useNow } from '../useNow.js';
import { useAfterPaint } from '../useAfterPaint.js';
import { accountLabel } from './account-label.js';
import { profileExpiry } from './expiry.js';
import { credentialsFromWords, equivalentCommand, matchesFilter, PROFILES_DESCRIPTION, profileErrorWords, STATUS_DISPLAY } from './format.js';
import { MfaCodeModal } from './MfaCodeModal.js';
import { ProfilesPreferences, useProfilePrefs } from './ProfilesPreferences.js';
import './profiles.css';
import { SsoSignInModal } from './SsoSignInModal.js';
import { CommandText } from '../diagnosis/CommandLine.js';
import { IdentityCenterPanel } from './IdentityCenterPanel.js';
import { RowAction } from './RowAction.js';

interface Props {
  data?: ProfilesListResult;
  loading: boolean;
  loadError?: string;
  demo: boolean;
  onReload: (refresh: boolean) => void;
  onUpdate: (view: ProfileView) => void;
}

const TONE_INDICATOR = { ok: 'success', soon: 'warning', expired: 'error' } as const;
// A status indicator breaks its text anywhere ("sign-in neede d"); these cells wrap between words.
const WHOLE_WORDS = { wordBreak: 'normal', overflowWrap: 'break-word' } as const;

/**
 * A stuck header covers rows that scroll under it, and where the page can scroll only a little (a short table, its
 * end reached) it stops with a row's blank sliver under the header: a band that looks like a gap in the table. So
 * the header sticks only when the rows run past the window by more than two rows (then it is what keeps the columns
 * named). A row holds two lines: the name over its type and region, the account over the ARN.
 */
const ROW_PX = 56;
const HEADER_AND_NAV_PX = 280;
const onResize = (changed: () => void) => {
  window.addEventListener('resize', changed);
  return () => window.removeEventListener('resize', changed);
};
const windowHeight = () => window.innerHeight;

export function ProfilesPage({ data, loading, loadError, demo, onReload, onUpdate }: Props) {
  const [filter, setFilter] = useState('');
  const [selectedName, setSelectedName] = useState<string | undefined>();
  const [modal, setModal] = useState<'sso' | 'mfa' | undefined>();
  const checkCall = useCall((name: string) => api['profiles.check']({ name }));
  // What just happened, said once (MFA accepted, signed in): the table's status changes quietly otherwise.
  const [done, setDone] = useState<string | undefined>();
  const confirmed = (what: string) => (view: ProfileView) => {
    onUpdate(view);
    if (view.status === 'valid') setDone(`${what}: ${view.name} is ${view.identity?.arn ?? 'ready'}`);
  };
  const now = useNow(30_000);
  const [prefs, setPrefs] = useProfilePrefs();
  const [page, setPage] = useState(1);
  const detailsRef = useRef<HTMLDivElement>(null);
  // The Identity Center panel sits below the table: it comes once the table is on screen.
  const afterPaint = useAfterPaint();

  const profiles = useMemo(() => data?.profiles ?? [], [data]);
  const visible = useMemo(() => profiles.filter((p) => matchesFilter(p, filter)), [profiles, filter]);
  const pages = Math.max(1, Math.ceil(visible.length / prefs.pageSize));
  const shownPage = Math.min(page, pages);
  const pageItems = visible.slice((shownPage - 1) * prefs.pageSize, shownPage * prefs.pageSize);
  const rowsOverflow = pageItems.length * ROW_PX + HEADER_AND_NAV_PX > useSyncExternalStore(onResize, windowHeight) + 2 * ROW_PX;
  // The selected profile's details come into view (below the table) without the user looking for them.
  useEffect(() => {
    if (selectedName) detailsRef.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, [selectedName]);
  const selected = profiles.find((p) => p.name === selectedName);
  // The aws CLI refuses the whole file (a duplicate section, an unreadable line): every profile fails with it.
  const fileRefused = profiles.some((p) => p.error?.code === 'ConfigParseError');

  const check = (name: string) => {
    onUpdate({ ...profiles.find((p) => p.name === name)!, status: 'checking' });
    void checkCall.run(name).then((view) => view && onUpdate(view));
  };
  const closeModal = useCallback(() => setModal(undefined), []);

  if (data && profiles.length === 0) {
    return (
      <Container header={<Header variant="h2">No AWS profiles found</Header>}>
        <SpaceBetween size="m">
          <Box>
            The app looked for profiles in <Box variant="code">{data.files.config}</Box>
            {data.files.configExists ? '' : ' (missing)'} and <Box variant="code">{data.files.credentials}</Box>
            {data.files.credentialsExists ? '' : ' (missing)'}. These are the files the aws CLI and kubectl's exec plugin read.
          </Box>
          <Box>
            Create a profile in a terminal with <Box variant="code">aws configure</Box> (access keys) or{' '}
            <Box variant="code">aws configure sso</Box> (IAM Identity Center), then choose Refresh. If your files live elsewhere,
            start the app with <Box variant="code">AWS_CONFIG_FILE</Box> and <Box variant="code">AWS_SHARED_CREDENTIALS_FILE</Box> set.
          </Box>
          {!demo && (
            <Box>
              To see the app at work without an AWS account, run the demo: <Box variant="code">npm run demo</Box> starts a
              simulated AWS account with EKS clusters and opens the app on it.
            </Box>
          )}
          <Button onClick={() => onReload(true)} iconName="refresh">Refresh</Button>
          <IdentityCenterPanel onProfilesChanged={() => onReload(true)} />
        </SpaceBetween>
      </Container>
    );
  }

  return (
    <SpaceBetween size="l">
      {loadError && <Alert type="error" header="Profiles could not be loaded">{loadError}</Alert>}
      {data && data.problems.length > 0 && (
        <Alert
          type={fileRefused ? 'error' : 'warning'}
          header={fileRefused ? 'The aws CLI cannot read your AWS configuration' : 'Some lines of your AWS configuration cannot be read'}
          data-testid="config-problems"
        >
          <SpaceBetween size="xxs">
            {data.problems.map((p) => (
              <Box key={`${p.file}:${p.line}:${p.message}`}>
                <Box variant="code">{p.line ? `${p.file}:${p.line}` : p.file}</Box> {p.message}
                {p.text ? <> — <Box variant="code">{p.text}</Box></> : null}
              </Box>
            ))}
            <Box variant="small">
              {fileRefused
                ? 'Until this is fixed, the aws CLI refuses every profile below, and kubectl (which runs it) fails for every cluster.'
                : 'Every profile that could be read is listed below.'}
            </Box>
          </SpaceBetween>
        </Alert>
      )}
      {done && <Alert type="success" dismissible onDismiss={() => setDone(undefined)} data-testid="profiles-done">{done}</Alert>}
      {checkCall.error && <Alert type="error" dismissible onDismiss={checkCall.reset}>{checkCall.error.message}</Alert>}
      <Table<ProfileView>
        data-testid="profiles-table"
        items={pageItems}
        columnDisplay={prefs.contentDisplay}
        preferences={<ProfilesPreferences prefs={prefs} onChange={setPrefs} />}
        pagination={
          <Pagination
            currentPageIndex={shownPage}
            pagesCount={pages}
            onChange={(e) => setPage(e.detail.currentPageIndex)}
            ariaLabels={{ nextPageLabel: 'Next page', previousPageLabel: 'Previous page', pageLabel: (n) => `Page ${n}` }}
          />
        }
        loading={loading && !data}
        loadingText="Reading your AWS profiles"
        trackBy="name"
        selectionType="single"
        ariaLabels={{
          selectionGroupLabel: 'Select a profile',
          itemSelectionLabel: (_, p) => `Select ${p.name}`,
          tableLabel: 'AWS profiles',
        }}
        selectedItems={selected ? [selected] : []}
        onSelectionChange={(e) => setSelectedName(e.detail.selectedItems[0]?.name)}
        variant="full-page"
        wrapLines={prefs.wrapLines}
        stickyHeader={rowsOverflow}
        header={
          <Header
            variant="awsui-h1-sticky"
            counter={data ? `(${profiles.length})` : undefined}
            description={PROFILES_DESCRIPTION}
            actions={
              <SpaceBetween direction="horizontal" size="xs">
                <Button iconName="refresh" onClick={() => onReload(true)} data-testid="refresh-all">Check all</Button>
                <Button disabled={!selected} onClick={() => selected && void check(selected.name)} data-testid="action-check">Check</Button>
                <Button disabled={selected?.type !== 'sso'} onClick={() => setModal('sso')} data-testid="action-sso">Sign in</Button>
                <Button disabled={!selected?.mfaSerial} onClick={() => setModal('mfa')} data-testid="action-mfa">Enter MFA code</Button>
              </SpaceBetween>
            }
          >
            Profiles
          </Header>
        }
        filter={
          <TextFilter
            filteringText={filter}
            filteringPlaceholder="Find profiles by name, ARN, account, status"
            filteringAriaLabel="Filter profiles"
            countText={`${visible.length} match${visible.length === 1 ? '' : 'es'}`}
            onChange={(e) => {
              setFilter(e.detail.filteringText);
              setPage(1);
            }}
          />
        }
        empty={<Box textAlign="center" color="inherit">No profile matches “{filter}”.</Box>}
        columnDefinitions={[
          {
            id: 'name',
            header: 'Name',
            cell: (p) => (
              <>
                <span data-testid={`profile-${p.name}`}>
                  {p.name}
                </span>
                <Box variant="small" display="block" color="text-body-secondary" data-testid={`type-${p.name}`} className="pf-type">
                  {TYPE_LABEL[p.type]}
                  {p.region ? <> · <span title="Region">{p.region}</span></> : null}
                </Box>
              </>
            ),
            isRowHeader: true,
            minWidth: 150,
          },
          {
            id: 'status',
            header: 'Status',
            minWidth: 150,
            cell: (p) => (
              <span data-testid={`status-${p.name}`} data-status={p.status} className="pf-status">
                <StatusIndicator type={STATUS_DISPLAY[p.status].type}>
                  <span style={WHOLE_WORDS}>
                    {STATUS_DISPLAY[p.status].label}
                  </span>
                </StatusIndicator>
                {p.error && ['invalid', 'expired', 'error'].includes(p.status) ? (
                  <Box variant="small" color="text-body-secondary" data-testid={`status-words-${p.name}`}>{profileErrorWords(p.error.code, p.error.message)}</Box>
                ) : null}
                <RowAction profile={p} onAct={(kind) => { setSelectedName(p.name); setModal(kind); }} />
                {p.warnings.length > 0 && p.type === 'environment' ? (
                  <Box variant="small" color="text-status-warning"> overrides profiles</Box>
                ) : null}
              </span>
            ),
          },
          {
            id: 'expires',
            header: 'Signed in / expires',
            minWidth: 150,
            cell: (p) => {
              const e = profileExpiry(p, now);
              if (!e) return p.type === 'static' ? 'Does not expire' : '—';
              return (
                <span data-testid={`expiry-${p.name}`} data-tone={e.tone}>
                  <StatusIndicator type={TONE_INDICATOR[e.tone]}>
                    <span style={WHOLE_WORDS}>{e.text}</span>
                  </StatusIndicator>
                </span>
              );
            },
          },
          {
            id: 'identity',
            header: 'Account and identity ARN',
            minWidth: 180,
            cell: (p) =>
              p.identity ? (
                <>
                  <span data-testid={`account-${p.name}`}>{accountLabel(p.identity.account, p.accountAlias)}</span>
                  <Box variant="small" display="block" color="text-body-secondary">
                    <span data-testid={`arn-${p.name}`} className="pf-arn">{p.identity.arn}</span>
                  </Box>
                </>
              ) : (
                '—'
              ),
          },
        ]}
      />
      <div ref={detailsRef}>
      {selected && (
        <Container header={<Header variant="h2" description="What the app found for the selected profile">{selected.name}</Header>} data-testid="profile-details">
          <SpaceBetween size="m">
            {selected.error && selected.status !== 'checking' && (
              <Alert type={selected.status === 'error' || selected.status === 'invalid' ? 'error' : 'warning'} header={profileErrorWords(selected.error.code, selected.error.message)} data-testid="profile-error">
                AWS said: {selected.error.message}
                <Box variant="small" display="block" color="text-body-secondary">Technical detail: {selected.error.code}</Box>
              </Alert>
            )}
            {selected.warnings.map((w) => (
              <Alert key={w} type="warning">{w}</Alert>
            ))}
            <KeyValuePairs
              columns={3}
              items={[
                { label: 'Identity ARN', value: selected.identity?.arn ?? '—' },
                { label: 'What EKS checks it as (canonical ARN)', value: selected.identity?.canonicalArn ?? '—' },
                { label: 'Account', value: selected.identity ? accountLabel(selected.identity.account, selected.accountAlias) : '—' },
                { label: 'Role', value: selected.roleArn ?? (selected.sso ? `${selected.sso.roleName ?? '?'} in ${selected.sso.accountId ?? '?'}` : '—') },
                { label: 'Credentials from', value: <span data-testid="credentials-from">{credentialsFromWords(selected)}</span> },
                ...(selected.signIn
                  ? [{ label: 'Sign-in (IAM Identity Center)', value: `${expiryWords(selected.signIn.expiresAt, new Date(now), 'sign-in').text}${selected.signIn.canRefresh ? '. Renews without the browser.' : '. Renewing it opens your sign-in page.'}` }]
                  : []),
                {
                  label: selected.signIn ? 'Role credentials' : 'Credentials',
                  value: selected.expiresAt
                    ? `${expiryWords(selected.expiresAt, new Date(now), 'credentials').text}${selected.signIn ? ' — renewed by themselves while the sign-in lasts' : ''}`
                    : selected.type === 'static' ? 'Access keys: they do not expire' : '—',
                },
              ]}
            />
            <Box>
              Equivalent command: <Box variant="code" data-testid="equivalent-command"><CommandText command={equivalentCommand(selected)} /></Box>
            </Box>
          </SpaceBetween>
        </Container>
      )}
      </div>
      {afterPaint && <IdentityCenterPanel onProfilesChanged={() => onReload(true)} />}
      {selected && modal === 'sso' && <SsoSignInModal profile={selected} onClose={closeModal} onSignedIn={confirmed('Signed in')} />}
      {selected && modal === 'mfa' && <MfaCodeModal profile={selected} onClose={closeModal} onResult={confirmed('MFA code accepted')} />}
    </SpaceBetween>
  );
}
