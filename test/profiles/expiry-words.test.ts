import { describe, expect, it } from 'vitest';
import { expiryWords, spanWords } from '../../shared/expiry-words.js';

const now = new Date('2026-12-07T14:07:00Z');
const inMinutes = (m: number) => new Date(now.getTime() + m * 60_000);

describe('expiry words', () => {
  it('says until when a sign-in lasts, with the time left', () => {
    expect(expiryWords(inMinutes(25), now, 'sign-in', 'UTC')).toEqual({ text: 'Signed in until 14:32 (in 25 minutes)', tone: 'ok' });
    expect(expiryWords(inMinutes(8 * 60), now, 'sign-in', 'UTC').text).toBe('Signed in until 22:07 (in 8 hours)');
    expect(expiryWords(inMinutes(65), now, 'credentials', 'UTC').text).toBe('Works until 15:12 (in 1 hour 5 minutes)');
  });

  it('is "soon" ten minutes before, not eleven', () => {
    expect(expiryWords(inMinutes(10), now, 'sign-in', 'UTC')).toEqual({ text: 'Signed in until 14:17 (in 10 minutes)', tone: 'soon' });
    expect(expiryWords(inMinutes(11), now, 'sign-in', 'UTC').tone).toBe('ok');
    expect(expiryWords(new Date(now.getTime() + 20_000), now, 'sign-in', 'UTC').text).toBe('Signed in until 14:07 (in less than a minute)');
  });

  it('says how long ago it expired and what to do', () => {
    expect(expiryWords(inMinutes(-120), now, 'sign-in', 'UTC')).toEqual({ text: 'Expired 2 hours ago — sign in again', tone: 'expired' });
    expect(expiryWords(inMinutes(-1), now, 'sign-in', 'UTC').text).toBe('Expired 1 minute ago — sign in again');
    expect(expiryWords(now, now, 'credentials', 'UTC').text).toBe('Expired just now — get new credentials');
  });

  it('names the day when it is not today, and reads the ISO string the cache holds', () => {
    expect(expiryWords('2026-12-10T09:00:00Z', now, 'sign-in', 'UTC').text).toBe('Signed in until 10 Dec 09:00 (in 3 days)');
    expect(expiryWords('not a time', now, 'sign-in').text).toBe('Sign-in time unknown');
  });

  it('rounds spans to words, never seconds', () => {
    expect(spanWords(59_000)).toBe('1 minute');
    expect(spanWords(29_000)).toBe('less than a minute');
    expect(spanWords(12 * 3600_000 + 20 * 60_000)).toBe('12 hours');
    expect(spanWords(3 * 86_400_000)).toBe('3 days');
  });
});
