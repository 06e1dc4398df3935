import { useEffect } from 'react';
import { Alert, Box, Button, SpaceBetween, Spinner, StatusIndicator } from '@cloudscape-design/components';
import type { NeedsSavedProfile } from '../../../shared/diagnosis-types.js';
import type { SaveProfilesPreview, SaveProfilesResult } from '../../../shared/identity-center-types.js';
import { api } from '../api.js';
import { DiffView } from './DiffView.js';
import { useCall } from '../useCall.js';

/**
 * The kubeconfig fix's first step for an IAM Identity Center identity that has no profile yet: the entry's exec
 * runs aws with that profile, so it is saved first — the AWS config change previewed, then written.
 */
export function SaveProfileFirst({ needs, onSaved }: { needs: NeedsSavedProfile; onSaved: () => void }) {
  const previewCall = useCall((session: string, identity: string): Promise<SaveProfilesPreview> => api['identityCenter.preview']({ session, identities: [identity] }));
  const saveCall = useCall((session: string, identity: string): Promise<SaveProfilesResult> => api['identityCenter.save']({ session, identities: [identity] }));
  const { run: runPreview } = previewCall;
  const preview = previewCall.result;
  const saved = saveCall.result;
  const saving = saveCall.running;
  const error = (saveCall.error ?? previewCall.error)?.message;

  // Once per identity.
  useEffect(() => {
    void runPreview(needs.session, needs.identity);
  }, [runPreview, needs.session, needs.identity]);

  const save = async () => {
    if (await saveCall.run(needs.session, needs.identity)) onSaved();
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
