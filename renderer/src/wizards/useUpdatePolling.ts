// Follows an EKS cluster update (describe-update every second) until it ends, its deadline passes, stop() is
// called, or the component unmounts — so closing the wizard or changing its profile never leaves a loop behind.
import { useCallback, useEffect, useRef, useState } from 'react';
import { callFailure } from '../../../shared/client.js';
import type { LogsUpdateView } from '../../../shared/wizard-types.js';
import { api } from '../api.js';
import type { CallError } from '../useCall.js';

export const POLL_MS = 1000;
/** EKS usually applies a logging update in a minute or two; stop asking after ten. */
export const POLL_DEADLINE_MS = 10 * 60_000;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface UpdatePolling {
  /** The latest answer of describe-update. */
  update?: LogsUpdateView;
  /** How many times EKS was asked. */
  polls: number;
  waiting: boolean;
  /** The deadline passed with the update still in progress. */
  timedOut: boolean;
  error?: CallError;
  /** Resolves with the update once it ended; undefined when stopped, timed out or failed. */
  follow: (updateId: string) => Promise<LogsUpdateView | undefined>;
  stop: () => void;
}

export function useUpdatePolling(profile: string, clusterArn: string, opts: { pollMs?: number; deadlineMs?: number } = {}): UpdatePolling {
  const pollMs = opts.pollMs ?? POLL_MS;
  const deadlineMs = opts.deadlineMs ?? POLL_DEADLINE_MS;
  const [update, setUpdate] = useState<LogsUpdateView | undefined>();
  const [polls, setPolls] = useState(0);
  const [waiting, setWaiting] = useState(false);
  const [timedOut, setTimedOut] = useState(false);
  const [error, setError] = useState<CallError | undefined>();
  // The loop in flight, and whether the component is still there to follow it.
  const current = useRef<{ cancelled: boolean } | undefined>(undefined);
  const mounted = useRef(true);

  const stop = useCallback(() => {
    if (current.current) current.current.cancelled = true;
    current.current = undefined;
    setWaiting(false);
  }, []);

  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
      if (current.current) current.current.cancelled = true;
    };
  }, []);

  const follow = useCallback(
    async (updateId: string): Promise<LogsUpdateView | undefined> => {
      if (!mounted.current) return undefined;
      if (current.current) current.current.cancelled = true;
      const token = { cancelled: false };
      current.current = token;
      const deadline = Date.now() + deadlineMs;
      setWaiting(true);
      setTimedOut(false);
      setError(undefined);
      try {
        for (let asked = 1; ; asked++) {
          const u = await api['logs.update']({ profile, clusterArn, updateId });
          if (token.cancelled) return undefined;
          setUpdate(u);
          setPolls(asked);
          if (u.status !== 'InProgress') return u;
          if (Date.now() + pollMs > deadline) {
            setTimedOut(true);
            return undefined;
          }
          await sleep(pollMs);
          if (token.cancelled) return undefined;
        }
      } catch (err) {
        if (!token.cancelled) setError(callFailure(err));
        return undefined;
      } finally {
        if (current.current === token) {
          current.current = undefined;
          setWaiting(false);
        }
      }
    },
    [profile, clusterArn, pollMs, deadlineMs],
  );

  return { ...(update ? { update } : {}), polls, waiting, timedOut, ...(error ? { error } : {}), follow, stop };
}
