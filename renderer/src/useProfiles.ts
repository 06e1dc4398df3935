import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfilesListResult, ProfileView } from '../../shared/profile-types.js';
import { api } from './api.js';
import { earlyElseCall, earlyResult, takeEarlyStatuses } from './early-calls.js';
import { useCall } from './useCall.js';

/** The profiles list kept live: initial load, per-profile status events, and a slow poll while checks run. */
export function useProfiles() {
  // The list as shown: each load replaces it, status events and the caller's own updates patch it in between.
  // The list asked for as the page opened (early-calls.ts), when already answered: the first screen shows it.
  const [early] = useState(() => earlyResult<ProfilesListResult>('profiles.list', { refresh: false }));
  const [data, setData] = useState<ProfilesListResult | undefined>(early);
  const list = useCall((refresh: boolean) => api['profiles.list']({ refresh }));
  const { run: runList } = list;
  // Status events that come before the first list are kept for it (they may be newer than its answer).
  const listed = useRef(early !== undefined);
  const pending = useRef(new Map<string, ProfileView>());
  const load = useCallback(
    async (refresh: boolean) => {
      const result = await runList(refresh);
      if (!result) return;
      const first = !listed.current;
      listed.current = true;
      if (!first || !pending.current.size) return setData(result);
      const kept = pending.current;
      pending.current = new Map();
      setData({ ...result, profiles: result.profiles.map((p) => kept.get(p.name) ?? p) });
    },
    [runList],
  );

  const upsert = useCallback((view: ProfileView) => {
    setData((prev) => (prev ? { ...prev, profiles: prev.profiles.map((p) => (p.name === view.name ? view : p)) } : prev));
  }, []);

  // Status events arrive in bursts (one per profile); apply them in batches so a 200-row table re-renders a few times, not 200.
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queueUpsert = useCallback((view: ProfileView) => {
    pending.current.set(view.name, view);
    if (flushTimer.current) return;
    flushTimer.current = setTimeout(() => {
      flushTimer.current = undefined;
      if (!listed.current) return;
      const batch = pending.current;
      pending.current = new Map();
      setData((prev) => (prev ? { ...prev, profiles: prev.profiles.map((p) => batch.get(p.name) ?? p) } : prev));
    }, 100);
  }, []);

  useEffect(() => {
    earlyElseCall('profiles.list', { refresh: false }, early !== undefined, () => void load(false));
    const off = api.on('profiles.status', queueUpsert);
    for (const view of takeEarlyStatuses()) queueUpsert(view);
    return off;
  }, [early, load, queueUpsert]);

  // Events are the fast path; this catches up if one was missed (e.g. the event stream reconnecting).
  const checking = data?.profiles.some((p) => p.status === 'checking') ?? false;
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(() => void load(false), 1000);
    return () => clearInterval(timer);
  }, [checking, load]);

  // "Loading" is the wait for the first list (a reload keeps the list on screen).
  const loading = !data && !list.error;
  return { data, setData, error: list.error?.message, loading, reload: load, upsert };
}
