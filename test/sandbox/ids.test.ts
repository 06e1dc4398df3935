// The sandbox's tokens that the aws CLI gets back as argument values (an OIDC client id and secret, a device code)
// never start with '-': the CLI would take one for an option and exit 2, a failure AWS's own tokens never cause.
import { describe, expect, it } from 'vitest';
import { randomArgumentToken, randomToken } from '../../sandbox/world/ids.js';

describe('tokens passed back on the command line', () => {
  it('never start with a dash, where plain random tokens do', () => {
    const leadingDash = (make: () => string) => Array.from({ length: 2000 }, make).filter((t) => t.startsWith('-')).length;
    expect(leadingDash(() => randomToken(16))).toBeGreaterThan(0);
    expect(leadingDash(() => randomArgumentToken(16))).toBe(0);
    expect(randomArgumentToken(48)).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{63}$/);
  });
});
