// How the access reviews' answers, or a failure to get them, become a cell's outcome.
import { describe, expect, it } from 'vitest';
import { outcomeOfAnswers, outcomeOfFailure } from '../../electron/probe/outcome.js';
import type { AccessQuestion } from '../../electron/probe/types.js';

const answers = (list: [AccessQuestion, boolean | undefined][]) => new Map(list);

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
