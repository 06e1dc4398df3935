// One cell of the matrix: token → SelfSubjectReview → SelfSubjectAccessReviews → outcome, with the evidence.
import type { Agent } from 'node:https';
import type { V1SelfSubjectAccessReview, V1SelfSubjectReview } from '@kubernetes/client-node';
import { ACCESS_QUESTIONS } from './access-questions.js';
import { KubeSession, type SlotRunner } from './kube-session.js';
import type { KubeFailure } from './kube-errors.js';
import { outcomeOfAnswers, outcomeOfFailure } from './outcome.js';
import type { RetryPolicy } from '../common/retry.js';
import { ProbeCancelled, type MadeToken, type ProbeTarget } from './probe-job.js';
import type { AccessQuestion, CellEvidence, CellResult, ProbeStep } from './types.js';

export interface ProbeContext {
  token: MadeToken;
  agent: Agent;
  slot: SlotRunner;
  timeoutMs: number;
  retry: RetryPolicy;
  signal?: AbortSignal;
  onRequest?: () => void;
}

function failureStep(call: ProbeStep['call'], f: KubeFailure, attempts: number, ms: number): ProbeStep {
  return {
    call,
    ok: false,
    ...(f.kind === 'http' ? { status: f.status } : { errorCode: f.code }),
    message: f.message,
    attempts,
    ms,
  };
}

export async function probeCell(target: ProbeTarget, ctx: ProbeContext): Promise<CellResult> {
  const started = performance.now();
  const evidence: CellEvidence = {
    endpoint: target.cluster.endpoint,
    ...(target.describedVia ? { describedVia: target.describedVia } : {}),
    ...(target.identityArn ? { identityArn: target.identityArn } : {}),
    steps: [],
  };
  const done = (rest: Omit<CellResult, 'profile' | 'clusterArn' | 'ms' | 'evidence'>): CellResult => {
    if (ctx.signal?.aborted) throw new ProbeCancelled('cancelled');
    return { profile: target.profile, clusterArn: target.cluster.arn, ...rest, ms: Math.round(performance.now() - started), evidence };
  };

  if (!target.cluster.endpoint || !target.cluster.caData) {
    return done({ outcome: 'ERROR', message: 'DescribeCluster gave no endpoint or CA (is the cluster still being created?)' });
  }

  const made = ctx.token;
  if (!made.ok) {
    evidence.steps.push({ call: 'token', ok: false, message: made.message, attempts: 1, ms: made.ms });
    return done({ outcome: 'ERROR', message: `could not make a token: ${made.message}` });
  }
  evidence.steps.push({ call: 'token', ok: true, attempts: 1, ms: made.ms });
  const token = made.token;

  const session = new KubeSession({
    endpoint: target.cluster.endpoint,
    token,
    agent: ctx.agent,
    timeoutMs: ctx.timeoutMs,
    retry: ctx.retry,
    signal: ctx.signal,
    slot: ctx.slot,
    onRequest: ctx.onRequest,
  });

  const review = await session.call<V1SelfSubjectReview>((o) =>
    session.authn.createSelfSubjectReview({ body: { apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' } }, o as never),
  );
  let username: string | undefined;
  let groups: string[] | undefined;
  if (review.ok) {
    const info = review.value?.status?.userInfo;
    username = info?.username;
    groups = info?.groups;
    if (info?.extra) evidence.extra = info.extra;
    evidence.steps.push({ call: 'SelfSubjectReview', ok: true, status: 201, attempts: review.attempts, ms: review.ms });
  } else {
    const f = review.failure!;
    evidence.steps.push(failureStep('SelfSubjectReview', f, review.attempts, review.ms));
    // No answer, or 401: the reviews would say the same. Other statuses (403, 404 on old clusters) → still ask.
    if (f.kind !== 'http' || f.status === 401) return done(outcomeOfFailure(f));
  }

  const reviews = await Promise.all(
    ACCESS_QUESTIONS.map(({ attributes }) =>
      session.call<V1SelfSubjectAccessReview>((o) =>
        session.authz.createSelfSubjectAccessReview(
          { body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: attributes } } },
          o as never,
        ),
      ),
    ),
  );
  const answers = new Map<AccessQuestion, boolean | undefined>();
  let firstFailure: KubeFailure | undefined;
  reviews.forEach((r, i) => {
    const question = ACCESS_QUESTIONS[i]!.question;
    const call = `SelfSubjectAccessReview: ${question}` as const;
    if (r.ok) {
      const allowed = Boolean(r.value?.status?.allowed);
      const reason = r.value?.status?.reason;
      answers.set(question, allowed);
      evidence.steps.push({ call, ok: true, status: 201, allowed, ...(reason ? { reason } : {}), attempts: r.attempts, ms: r.ms });
    } else {
      answers.set(question, undefined);
      firstFailure ??= r.failure;
      evidence.steps.push(failureStep(call, r.failure!, r.attempts, r.ms));
    }
  });
  const unauthorized = reviews.find((r) => !r.ok && r.failure?.kind === 'http' && r.failure.status === 401);
  if (unauthorized) return done(outcomeOfFailure(unauthorized.failure!));
  if (firstFailure && [...answers.values()].every((v) => v === undefined)) {
    return done({ ...outcomeOfFailure(firstFailure), ...(username ? { username } : {}), ...(groups ? { groups } : {}) });
  }
  const decided = outcomeOfAnswers(answers);
  return done({ ...decided, ...(username ? { username } : {}), ...(groups ? { groups } : {}) });
}
