import { useCallback, useEffect, useRef, useState } from 'react';
import { Alert, Box, Button, Container, FormField, Header, Input, Link, Modal, Select, SpaceBetween, StatusIndicator, Table } from '@cloudscape-design/components';
import { regionName } from '../../../shared/contract.js';
import type { IdentitiesResult, IdentityCenterSignInResult, IdentityView, SaveProfilesPreview, SaveProfilesResult } from '../../../shared/identity-center-types.js';
import { api } from '../api.js';
import { useAppCommands } from '../app-commands.js';
import { useCall } from '../useCall.js';
import { restoreCommand } from '../wizards/undo-commands.js';
import { identitiesSummary } from './format.js';

const NEW = '__start-url__';

/**
 * "Sign in with IAM Identity Center": from a start URL or a sign-in the config already names, list every account
 * and role it may use (with or without a profile), scan them in the matrix, and save the chosen ones as profiles.
 */
export function IdentityCenterPanel(props: { onProfilesChanged: () => void }) {
  const { cli } = useAppCommands();
  const sessionsCall = useCall(() => api['identityCenter.sessions']({}));
  const sessions = sessionsCall.result ?? [];
  const [choice, setChoice] = useState<string>(NEW);
  const [startUrl, setStartUrl] = useState('');
  const [region, setRegion] = useState('us-east-1');
  const [flow, setFlow] = useState<IdentityCenterSignInResult | undefined>();
  const [result, setResult] = useState<IdentitiesResult | undefined>();
  const [selected, setSelected] = useState<IdentityView[]>([]);
  const [preview, setPreview] = useState<SaveProfilesPreview | undefined>();
  const [saved, setSaved] = useState<SaveProfilesResult | undefined>();
  /** How a device authorization ended when it did not complete (denied, expired). */
  const [ended, setEnded] = useState<string | undefined>();
  // One step at a time (sign in, list, scan, preview, save): its words while it runs, its failure after.
  const [stepWords, setStepWords] = useState('');
  const step = useCall((work: () => Promise<void>) => work());
  const poll = useCall((flowId: string) => api['identityCenter.poll']({ flowId }));

  const { run: loadSessions } = sessionsCall;
  // The first sign-in the config names is chosen when the list comes, unless the user chose meanwhile.
  const userChose = useRef(false);
  useEffect(() => {
    void loadSessions().then((s) => {
      if (s?.[0] && !userChose.current) setChoice(s[0].name);
    });
  }, [loadSessions]);

  const { run: runStep } = step;
  const { reset: forgetPoll } = poll;
  const runStepAs = useCallback(
    (words: string, work: () => Promise<void>) => {
      setStepWords(words);
      setEnded(undefined);
      forgetPoll();
      void runStep(work);
    },
    [runStep, forgetPoll],
  );

  const signIn = useCallback(async (req: { session: string } | { startUrl: string; region: string }) => {
    setResult(undefined);
    setFlow(await api['identityCenter.signIn'](req));
  }, []);

  const list = useCallback(
    (session: string) =>
      runStepAs('Listing the accounts and roles of this sign-in…', async () => {
        const r = await api['identityCenter.identities']({ session });
        setResult(r);
        setSelected([]);
        if (!r.signedIn) await signIn({ session });
      }),
    [runStepAs, signIn],
  );

  // Poll the device authorization until it ends; on success list the identities.
  const { run: runPoll } = poll;
  useEffect(() => {
    if (!flow) return;
    const timer = setInterval(() => {
      void runPoll(flow.flowId).then((p) => {
        // No answer: a newer poll (or a dismissed error) dropped this one, or it failed (the effect below ends the flow).
        if (!p || p.state === 'pending') return;
        clearInterval(timer);
        setFlow(undefined);
        if (p.state === 'complete') list(p.session);
        else setEnded(p.message ?? `The sign-in ended: ${p.state}`);
      });
    }, Math.max(1, flow.intervalSeconds) * 1000);
    return () => clearInterval(timer);
  }, [flow, runPoll, list]);
  // A poll that fails ends the sign-in shown; its error shows instead.
  const pollFailed = poll.error !== undefined;
  useEffect(() => {
    if (pollFailed) setFlow(undefined);
  }, [pollFailed]);

  // The contract's own region rule, so the form refuses what the sign-in call would.
  const regionRule = choice === NEW ? regionName.safeParse(region.trim()).error?.issues[0]?.message : undefined;
  const regionProblem = regionRule && regionRule.charAt(0).toUpperCase() + regionRule.slice(1);
  const start = () => {
    if (choice === NEW) runStepAs('Starting the sign-in…', () => signIn({ startUrl: startUrl.trim(), region: region.trim() }));
    else list(choice);
  };

  const scan = () =>
    runStepAs('Starting the scan…', async () => {
      await api['matrix.start']({ ssoSession: result!.session.name });
      window.location.hash = '#/matrix';
    });

  const openPreview = () =>
    runStepAs('Preparing the change…', async () => {
      setSaved(undefined);
      setPreview(await api['identityCenter.preview']({ session: result!.session.name, identities: selected.map((i) => i.key) }));
    });

  const save = () =>
    runStepAs('Saving…', async () => {
      const r = await api['identityCenter.save']({ session: result!.session.name, identities: selected.map((i) => i.key) });
      setSaved(r);
      setPreview(undefined);
      props.onProfilesChanged();
      const again = await api['identityCenter.identities']({ session: result!.session.name });
      setResult(again);
      setSelected([]);
    });

  const busy = step.running ? stepWords : undefined;
  const error = step.error?.message ?? poll.error?.message ?? ended ?? sessionsCall.error?.message;
  const dismissError = () => {
    step.reset();
    poll.reset();
    sessionsCall.reset();
    setEnded(undefined);
  };

  const options = [...sessions.map((s) => ({ value: s.name, label: s.name, description: `${s.startUrl} (${s.region})` })), { value: NEW, label: 'A start URL…', description: 'The address your company gave you for the AWS access portal' }];
  const withoutProfile = result?.identities.filter((i) => !i.profile).length ?? 0;

  return (
    <Container
      data-testid="identity-center"
      header={
        <Header variant="h2" description="See every account and role your company's AWS access portal gives you — also those you have no profile for — and which clusters each reaches.">
          Sign in with IAM Identity Center
        </Header>
      }
    >
      <SpaceBetween size="m">
        <div style={{ display: 'flex', flexWrap: 'wrap', gap: 12, alignItems: 'flex-end' }}>
          <div style={{ width: 220 }}>
            <FormField label="Sign-in">
              <Select
                data-testid="ic-session"
                selectedOption={options.find((o) => o.value === choice) ?? null}
                options={options}
                onChange={(e) => {
                  userChose.current = true;
                  setChoice(e.detail.selectedOption.value!);
                }}
              />
            </FormField>
          </div>
          {choice === NEW && (
            <>
              <div style={{ width: 360 }}>
                <FormField label="Start URL">
                  <Input data-testid="ic-start-url" value={startUrl} placeholder="https://my-company.awsapps.com/start" onChange={(e) => setStartUrl(e.detail.value)} />
                </FormField>
              </div>
              <div style={{ width: 140 }}>
                <FormField label="Its region" errorText={regionProblem}>
                  <Input data-testid="ic-region" value={region} onChange={(e) => setRegion(e.detail.value)} />
                </FormField>
              </div>
            </>
          )}
          <Button data-testid="ic-sign-in" variant="primary" loading={Boolean(busy)} disabled={choice === NEW && (!startUrl.trim() || Boolean(regionProblem))} onClick={start}>
            {choice === NEW ? 'Sign in' : 'Show accounts and roles'}
          </Button>
        </div>
        {busy && <StatusIndicator type="loading">{busy}</StatusIndicator>}
        {error && <Alert type="error" dismissible onDismiss={dismissError} data-testid="ic-error">{error}</Alert>}
        {flow && (
          <Alert type="info" header="Approve the sign-in in your browser" data-testid="ic-device">
            <SpaceBetween size="xs">
              <Box>Open the verification page, check that it shows this code, and approve:</Box>
              <Box variant="h2" data-testid="ic-user-code">{flow.userCode}</Box>
              <Link external href={flow.verificationUriComplete ?? flow.verificationUri} data-testid="ic-verification-link">{flow.verificationUri}</Link>
              <StatusIndicator type="loading">Waiting for approval… The aws CLI and kubectl will use this sign-in too.</StatusIndicator>
            </SpaceBetween>
          </Alert>
        )}
        {saved && (
          <Alert type="success" dismissible onDismiss={() => setSaved(undefined)} data-testid="ic-saved">
            {saved.message}.{saved.backup ? ` The previous file is kept in ${saved.backup}.` : ''}
            {saved.backupId ? <> Undo from a terminal: <Box variant="code">{restoreCommand(cli, saved.backupId)}</Box></> : null}
          </Alert>
        )}
        {result?.signedIn && (
          <Table<IdentityView>
            data-testid="ic-identities"
            items={result.identities}
            trackBy="key"
            {...(withoutProfile > 0 ? { selectionType: 'multi' as const } : {})}
            selectedItems={selected}
            onSelectionChange={(e) => setSelected(e.detail.selectedItems)}
            variant="embedded"
            wrapLines
            header={
              <Header
                counter={`(${result.identities.length})`}
                description={identitiesSummary(result.session.startUrl, result.identities.length, withoutProfile)}
                actions={
                  <SpaceBetween direction="horizontal" size="xs">
                    <Button data-testid="ic-scan" onClick={scan}>Scan all in the access matrix</Button>
                    {withoutProfile > 0 && (
                      <Button data-testid="ic-save" variant="primary" disabled={!selected.some((i) => !i.profile)} onClick={openPreview}>
                        Save as profiles
                      </Button>
                    )}
                  </SpaceBetween>
                }
              >
                Accounts and roles
              </Header>
            }
            columnDefinitions={[
              { id: 'account', header: 'Account', cell: (i) => i.accountName, isRowHeader: true },
              { id: 'id', header: 'Account ID', cell: (i) => i.accountId },
              { id: 'role', header: 'Role', cell: (i) => i.roleName },
              {
                id: 'profile',
                header: 'Profile',
                cell: (i) =>
                  i.profile ? (
                    <span data-testid={`ic-profile-${i.key}`}>{i.profile}</span>
                  ) : (
                    <Box color="text-body-secondary" data-testid={`ic-profile-${i.key}`}>none yet (would be {i.suggestedName})</Box>
                  ),
              },
            ]}
          />
        )}
      </SpaceBetween>
      {preview && (
        <Modal
          visible
          size="large"
          onDismiss={() => setPreview(undefined)}
          header="Save as profiles"
          footer={
            <Box float="right">
              <SpaceBetween direction="horizontal" size="xs">
                <Button onClick={() => setPreview(undefined)}>Cancel</Button>
                <Button data-testid="ic-save-confirm" variant="primary" disabled={!preview.changed} onClick={save}>Save</Button>
              </SpaceBetween>
            </Box>
          }
        >
          <SpaceBetween size="s">
            <Box>
              The app writes these profiles into its own marked block of <Box variant="code">{preview.file}</Box>; nothing else in the file
              changes. A copy of the file is kept first.
            </Box>
            <pre data-testid="ic-diff" style={{ maxHeight: 360, overflow: 'auto', fontSize: 12, background: '#f4f4f4', padding: 8 }}>{preview.diff || preview.message}</pre>
          </SpaceBetween>
        </Modal>
      )}
    </Container>
  );
}
