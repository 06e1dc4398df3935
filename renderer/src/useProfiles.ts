import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProfilesListResult, ProfileView } from '../../shared/profile-types.js';
import { api } from './api.js';

/** The profiles list kept live: initial load, per-profile status events, and a slow poll while checks run. */
export function useProfiles() {
  const [data, setData] = useState<ProfilesListResult | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [loading, setLoading] = useState(true);
  const mounted = useRef(true);

  const load = useCallback(async (refresh: boolean, quiet = false) => {
    if (!quiet) setLoading(true);
    try {
      const result = await api['profiles.list']({ refresh });
      if (mounted.current) {
        setData(result);
        setError(undefined);
      }
    } catch (err) {
      if (mounted.current) setError((err as Error).message);
    } finally {
      if (mounted.current) setLoading(false);
    }
  }, []);

  const upsert = useCallback((view: ProfileView) => {
    setData((prev) => (prev ? { ...prev, profiles: prev.profiles.map((p) => (p.name === view.name ? view : p)) } : prev));
  }, []);

  // Status events arrive in bursts (one per profile); apply them in batches so a 200-row table re-renders a few times, not 200.
  const pending = useRef(new Map<string, ProfileView>());
  const flushTimer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const queueUpsert = useCallback((view: ProfileView) => {
    pending.current.set(view.name, view);
    if (flushTimer.current) return;
    flushTimer.current = setTimeout(() => {
      flushTimer.current = undefined;
      const batch = pending.current;
      pending.current = new Map();
      setData((prev) => (prev ? { ...prev, profiles: prev.profiles.map((p) => batch.get(p.name) ?? p) } : prev));
    }, 100);
  }, []);

  useEffect(() => {
    mounted.current = true;
    void load(false);
    const off = api.on('profiles.status', queueUpsert);
    return () => {
      mounted.current = false;
      off();
    };
  }, [load, queueUpsert]);

  // Events are the fast path; this catches up if one was missed (e.g. the event stream reconnecting).
  const checking = data?.profiles.some((p) => p.status === 'checking') ?? false;
  useEffect(() => {
    if (!checking) return;
    const timer = setInterval(() => void load(false, true), 1000);
    return () => clearInterval(timer);
  }, [checking, load]);

  return { data, setData, error, loading, reload: load, upsert };
}
