import { useCallback, useEffect, useRef, useState } from 'react';
import type { DiagnosisView } from '../../../shared/diagnosis-types.js';
import { api } from '../api.js';
import { callFailure } from '../../../shared/client.js';

export type DiagnosisState =
  | { status: 'idle' }
  /** `previous`: the answer being re-checked (after a change); shown greyed as the old one, never as current. */
  | { status: 'running'; startedAt: number; previous?: DiagnosisView }
  | { status: 'done'; view: DiagnosisView }
  | { status: 'error'; code: string; message: string };

/** Runs `diagnosis.run` for one cell; a newer run replaces an older one's answer. */
export function useDiagnosis(profile: string, clusterArn: string) {
  const [state, setState] = useState<DiagnosisState>({ status: 'idle' });
  const runId = useRef(0);
  const run = useCallback(async () => {
    const id = ++runId.current;
    setState((s) => ({ status: 'running', startedAt: Date.now(), ...(s.status === 'done' ? { previous: s.view } : s.status === 'running' && s.previous ? { previous: s.previous } : {}) }));
    try {
      const view = await api['diagnosis.run']({ profile, clusterArn });
      if (id === runId.current) setState({ status: 'done', view });
    } catch (err) {
      if (id === runId.current) setState({ status: 'error', ...callFailure(err) });
    }
  }, [profile, clusterArn]);
  useEffect(() => () => void (runId.current += 1), []);
  return { state, run };
}

/** Seconds since `startedAt`, ticking while `active`. */
export function useElapsed(startedAt: number | undefined): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (startedAt === undefined) return;
    const t = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(t);
  }, [startedAt]);
  return startedAt === undefined ? 0 : Math.max(0, Math.floor((now - startedAt) / 1000));
}
