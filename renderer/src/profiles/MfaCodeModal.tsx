import { useState } from 'react';
import { Box, Button, FormField, Input, Modal, SpaceBetween } from '@cloudscape-design/components';
import { mfaCode } from '../../../shared/contract.js';
import type { ProfileView } from '../../../shared/profile-types.js';
import { api } from '../api.js';
import { describeAwsError } from '../../../shared/aws-error-words.js';
import { STATUS_LABEL } from '../../../shared/profile-words.js';
import { useCall } from '../useCall.js';

/** Asks for the 6-digit code of the profile's MFA device and assumes the role with it. */
export function MfaCodeModal(props: { profile: ProfileView; onClose: () => void; onResult: (view: ProfileView) => void }) {
  const { profile, onClose, onResult } = props;
  const [code, setCode] = useState('');
  const submitCall = useCall((name: string, sixDigits: string) => api['mfa.submit']({ profile: name, code: sixDigits }));
  // AWS answered, but the role was not assumed (a wrong or reused code): said like a failed call.
  const [refused, setRefused] = useState<string | undefined>();
  const busy = submitCall.running;
  const error = refused ?? submitCall.error?.message;
  const valid = mfaCode.safeParse(code).success;

  const submit = async () => {
    setRefused(undefined);
    const view = await submitCall.run(profile.name, code);
    if (!view) return;
    onResult(view);
    if (view.status === 'valid') onClose();
    else setRefused(view.error ? describeAwsError(view.error.code, view.error.message) : `The profile is still not signed in (${STATUS_LABEL[view.status]})`);
  };

  return (
    <Modal
      visible
      onDismiss={onClose}
      header={`MFA code: ${profile.name}`}
      footer={
        <Box float="right">
          <SpaceBetween direction="horizontal" size="xs">
            <Button variant="link" onClick={onClose}>Cancel</Button>
            <Button variant="primary" disabled={!valid} loading={busy} onClick={() => void submit()} data-testid="mfa-submit">Submit</Button>
          </SpaceBetween>
        </Box>
      }
    >
      <form onSubmit={(e) => { e.preventDefault(); if (valid) void submit(); }}>
        <FormField
          label="Code from your MFA device"
          description={profile.mfaSerial ? `Device ${profile.mfaSerial}` : undefined}
          errorText={error}
          constraintText="6 digits"
        >
          <Input value={code} onChange={(e) => setCode(e.detail.value.trim())} inputMode="numeric" autoFocus placeholder="123456" data-testid="mfa-code" />
        </FormField>
      </form>
    </Modal>
  );
}
