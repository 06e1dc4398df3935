// One line for a failure, as the grant channels, the backup channels and the command line all show it: AWS's
// error code in front of AWS's message (once), everything else as its first line, without a class name.
import { promises as fs } from 'node:fs';
import { ResourceNotFoundException, EKSServiceException } from '@aws-sdk/client-eks';
import { describe, expect, it } from 'vitest';
import { WriterCannotReadError } from '../../electron/authmap/aws-auth-plan.js';
import { failureLine } from '../../electron/common/first-line.js';

describe('failureLine', () => {
  it('puts an AWS error code in front of its message, once', () => {
    expect(failureLine(new ResourceNotFoundException({ message: 'No cluster found for name: x.', $metadata: { httpStatusCode: 404 } }))).toBe('ResourceNotFoundException: No cluster found for name: x.');
    const worded = new EKSServiceException({ name: 'ExpiredTokenException', $fault: 'client', message: 'ExpiredTokenException: the token expired\nmore', $metadata: {} });
    expect(failureLine(worded)).toBe('ExpiredTokenException: the token expired');
  });

  it("the app's own errors and Node's: their first line, no class name, no code twice", async () => {
    expect(failureLine(new WriterCannotReadError(403, 'tom cannot read aws-auth'))).toBe('tom cannot read aws-auth');
    const enoent = await fs.readFile('/nonexistent/backup.json').catch((e: unknown) => e);
    expect(failureLine(enoent)).toBe("ENOENT: no such file or directory, open '/nonexistent/backup.json'");
    expect(failureLine(new Error('boom\n    at x.ts:1'))).toBe('boom');
    expect(failureLine('a string')).toBe('a string');
  });
});
