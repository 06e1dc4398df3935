import { describe, expect, it } from 'vitest';
import { describeAwsError } from '../../shared/aws-error-words.js';

describe('AWS error codes in plain words', () => {
  it('says what a rejected key means, with the code beside it', () => {
    expect(describeAwsError('InvalidClientTokenId', 'The security token included in the request is invalid.')).toBe(
      'AWS no longer accepts this access key — deleted or deactivated (InvalidClientTokenId)',
    );
  });
  it('says a wrong MFA code is wrong (AWS calls it AccessDenied)', () => {
    expect(describeAwsError('AccessDenied', 'MultiFactorAuthentication failed with invalid MFA one time pass code. ')).toMatch(/^The MFA code was wrong .*\(AccessDenied\)$/);
  });
  it("keeps AWS's own message for a code it does not know", () => {
    expect(describeAwsError('SomethingNew', 'what AWS said')).toBe('What AWS said (SomethingNew)');
  });
});
