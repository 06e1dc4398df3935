import { useEffect, useState } from 'react';
import { Alert, Box, Button, SpaceBetween, Spinner, StatusIndicator } from '@cloudscape-design/components';
import type { NeedsSavedProfile } from '../../../shared/diagnosis-types.js';
import type { SaveProfilesPreview, SaveProfilesResult } from '../../../shared/identity-center-types.js';
import { callFailure } from '../../../shared/client.js';
import { api } from '../api.js';
import { DiffView } from './DiffView.js';

/**
 * The kubeconfig fix's first step for an IAM Identity Center identity that has no profile yet: the entry's exec
 * runs aws with that profile, so it is saved first — the AWS config change previewed, then written.
 */
export function SaveProfileFirst({ needs, onSaved }: { needs: NeedsSavedProfile; onSaved: () => void }) {
  const [preview, setPreview] = useState<SaveProfilesPreview | undefined>();
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<SaveProfilesResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const request = { session: needs.session, identities: [needs.identity] };

  useEffect(() => {
    api['identityCenter.preview'](request).then(setPreview, (err: unknown) => setError(callFailure(err).message));
    // Once per identity.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [needs.session, needs.identity]);

  const save = async () => {
    setSaving(true);
    setError(undefined);
    try {
      setSaved(await api['identityCenter.save'](request));
      onSaved();
    } catch (err) {
      setError(callFailure(err).message);
    } finally {
      setSaving(false);
    }
  };

  return (
    <Alert
      type={saved ? 'success' : 'info'}
      header={saved ? `Step 1 done: ${needs.name} is saved as a profile` : `Step 1: save ${needs.name} as a profile first`}
      data-testid="save-profile-first"
      data-saved={saved ? 'true' : 'false'}
    >
      <SpaceBetween size="s">
        {saved ? (
          <Box data-testid="save-profile-done">
            {saved.message}.{saved.backup ? ` The previous file is kept in ${saved.backup}.` : ''} Step 2: apply the kubeconfig change below.
          </Box>
        ) : (
          <Box>
            kubectl signs in to this cluster by running <code>aws</code> with profile {needs.name}, and your AWS config does not have that profile yet
            (this account and role come from your IAM Identity Center sign-in {needs.session}). Saving adds it to the app's own marked block
            {preview ? <> of <span className="dg-arn">{preview.file}</span></> : null}, after a backup; nothing else in the file changes.
          </Box>
        )}
        {!preview && !error && (
          <Box>
            <Spinner /> Preparing the change to your AWS config…
          </Box>
        )}
        {preview && !saved && (
          <>
            {preview.changed ? <DiffView diff={preview.diff} testId="save-profile-diff" label="Changes to the AWS config file" /> : <StatusIndicator type="info">{preview.message}</StatusIndicator>}
            <Box>
              <Button variant="primary" onClick={() => void save()} loading={saving} data-testid="save-profile-confirm">
                Save {needs.name} as a profile
              </Button>
            </Box>
          </>
        )}
        {error && (
          <StatusIndicator type="error">
            <span data-testid="save-profile-error">{error}</span>
          </StatusIndicator>
        )}
      </SpaceBetween>
    </Alert>
  );
}
