// The token command's own SHA-256 and HMAC (no node:crypto in its process) give node:crypto's digests, at every
// length around the block and padding boundaries, and for keys longer than a block.
import { createHash, createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256 } from '../../electron/token/sha256.js';

const LENGTHS = [0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_000];
const bytes = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 131 + 7) & 0xff);
const hex = (b: Uint8Array) => Buffer.from(b).toString('hex');

describe('sha256', () => {
  it("is node:crypto's SHA-256 at every length", () => {
    for (const n of LENGTHS) expect(hex(sha256(bytes(n))), `${n} bytes`).toBe(createHash('sha256').update(bytes(n)).digest('hex'));
  });

  it("is node:crypto's HMAC-SHA256 for short, block-sized and long keys", () => {
    for (const k of [0, 20, 64, 65, 200]) {
      for (const n of [0, 30, 64, 500]) {
        expect(hex(hmacSha256(bytes(k), bytes(n))), `key ${k}, data ${n}`).toBe(createHmac('sha256', bytes(k)).update(bytes(n)).digest('hex'));
      }
    }
  });
});
