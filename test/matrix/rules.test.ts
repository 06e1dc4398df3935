// The pure rules: which regions are searched, and how answers become an outcome.
import { describe, expect, it } from 'vitest';
import { EKS_REGIONS, isRegionName, regionsToSearch } from '../../electron/clusters/regions.js';
import { outcomeOfAnswers, outcomeOfFailure } from '../../electron/probe/outcome.js';
import type { AccessQuestion } from '../../electron/probe/types.js';
import { backoffDelay, DEFAULT_RETRY_POLICY } from '../../electron/common/retry.js';

const answers = (list: [AccessQuestion, boolean | undefined][]) => new Map(list);

describe('regions to search', () => {
  it('every profile region once, in order; the fallback only when no profile has one', () => {
    expect(regionsToSearch(['eu-west-1', null, 'us-east-1', 'eu-west-1'], 'us-east-1')).toEqual(['eu-west-1', 'us-east-1']);
    expect(regionsToSearch([null, undefined], 'ap-south-1')).toEqual(['ap-south-1']);
  });
  it('adds extra regions, or all EKS regions; `only` replaces the default', () => {
    expect(regionsToSearch(['eu-west-1'], 'us-east-1', { extra: ['us-west-2'] })).toEqual(['eu-west-1', 'us-west-2']);
    const all = regionsToSearch(['eu-west-1'], 'us-east-1', { all: true });
    expect(all[0]).toBe('eu-west-1');
    expect(all.length).toBe(EKS_REGIONS.length);
    expect(regionsToSearch(['eu-west-1'], 'us-east-1', { only: ['sa-east-1'] })).toEqual(['sa-east-1']);
  });
  it('knows a region name when it sees one', () => {
    expect(isRegionName('us-gov-west-1')).toBe(true);
    expect(isRegionName('moon-base-1')).toBe(false);
    expect(isRegionName('us-east-1; rm -rf /')).toBe(false);
  });
});

describe('outcome of the access reviews', () => {
  it('ADMIN needs * on *; ACCESS needs list services; otherwise FORBIDDEN, saying what was allowed', () => {
    expect(outcomeOfAnswers(answers([['* on *', true], ['list services in default', true]])).outcome).toBe('ADMIN');
    expect(outcomeOfAnswers(answers([['* on *', false], ['list services in default', true]])).outcome).toBe('ACCESS');
    expect(outcomeOfAnswers(answers([['* on *', false], ['list services in default', false], ['get configmap aws-auth in kube-system', false]]))).toEqual({
      outcome: 'FORBIDDEN',
      message: 'authenticated, but may do none of the things asked',
    });
    expect(outcomeOfAnswers(answers([['list services in default', false], ['get configmap aws-auth in kube-system', true]]))).toEqual({
      outcome: 'FORBIDDEN',
      message: 'may only: get configmap aws-auth in kube-system',
    });
  });
  it('an unanswered services question is an ERROR, not a guess', () => {
    expect(outcomeOfAnswers(answers([['* on *', false], ['list services in default', undefined]])).outcome).toBe('ERROR');
  });
  it('failures: 401 → UNAUTHORIZED, no answer → UNREACHABLE, anything else → ERROR', () => {
    expect(outcomeOfFailure({ kind: 'http', status: 401, message: 'Unauthorized' }).outcome).toBe('UNAUTHORIZED');
    expect(outcomeOfFailure({ kind: 'network', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }).outcome).toBe('UNREACHABLE');
    expect(outcomeOfFailure({ kind: 'timeout', code: 'TIMEOUT', message: 'no answer' }).outcome).toBe('UNREACHABLE');
    expect(outcomeOfFailure({ kind: 'http', status: 500, message: 'boom', reason: 'InternalError' })).toEqual({ outcome: 'ERROR', message: 'HTTP 500 InternalError: boom' });
  });
});

describe('backoff', () => {
  it('grows exponentially with full jitter, capped', () => {
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 1, () => 0.999)).toBe(199);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0.999)).toBe(799);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 10, () => 0.999)).toBe(1998);
    expect(backoffDelay(DEFAULT_RETRY_POLICY, 3, () => 0)).toBe(0);
  });
});
