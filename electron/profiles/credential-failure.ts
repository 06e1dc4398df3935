import type { ProfileStatus } from '../../shared/profile-types.js';

/** Credentials with their expiry; held in the main process only. */
export interface ResolvedCredentials {
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
  expiration?: Date;
}

/** A failure while obtaining credentials, already named with the status the user sees. */
export class CredentialFailure extends Error {
  constructor(readonly status: ProfileStatus, readonly code: string, message: string) {
    super(message);
    this.name = 'CredentialFailure';
  }
}
