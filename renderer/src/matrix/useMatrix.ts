import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  MatrixCell, MatrixCluster, MatrixDiscoveryNote, MatrixEventPayload, MatrixKubectlUse, MatrixProfile, MatrixProgress, MatrixState,
} from '../../../shared/matrix-types.js';
import { api } from '../api.js';
import { cellKey } from './format.js';

/** The matrix as the page sees it, rebuilt from the snapshot and the streamed events. */
export interface MatrixModel {
  scanId: number;
  running: boolean;
  progress?: MatrixProgress;
  error?: { code: string; message: string };
  profiles: MatrixProfile[];
  clusters: MatrixCluster[];
  cells: Map<string, MatrixCell>;
  /** Cells asked to be probed again and not answered yet. */
  pending: Set<string>;
  /** How many times each cell was answered in this scan (the first probe and every re-run). */
  updates: Map<string, number>;
  denials: MatrixDiscoveryNote[];
  failures: MatrixDiscoveryNote[];
  regions: string[];
  elapsedMs: number;
  cancelled: boolean;
  /** Bumped on every change, so memoised views can depend on it. */
  version: number;
  /** The snapshot has been read once. */
  loaded: boolean;
  /** The cells kubectl uses (from the last snapshot, or the event after a kubeconfig write). */
  kubectl: MatrixKubectlUse[];
}

function emptyModel(scanId = 0): MatrixModel {
  return {
    scanId, running: false, profiles: [], clusters: [], cells: new Map(), pending: new Set(), updates: new Map(), denials: [], failures: [],
    regions: [], elapsedMs: 0, cancelled: false, version: 0, loaded: false, kubectl: [],
  };
}

function upsertBy<T>(list: T[], item: T, same: (a: T) => boolean): T[] {
  const i = list.findIndex(same);
  if (i < 0) return [...list, item];
  const copy = list.slice();
  copy[i] = item;
  return copy;
}

function fromState(s: MatrixState): MatrixModel {
  const m = emptyModel(s.scanId);
  m.running = s.running;
  m.progress = s.progress;
  m.error = s.error;
  m.loaded = true;
  m.kubectl = s.kubectl ?? [];
  if (s.matrix) {
    m.profiles = s.matrix.profiles;
    m.clusters = s.matrix.clusters;
    for (const c of s.matrix.cells) {
      m.cells.set(cellKey(c.profile, c.clusterArn), c);
      m.updates.set(cellKey(c.profile, c.clusterArn), 1);
    }
    m.denials = s.matrix.denials;
    m.failures = s.matrix.failures;
    m.regions = s.matrix.regions;
    m.elapsedMs = s.matrix.elapsedMs;
    m.cancelled = s.matrix.cancelled;
  }
  return m;
}

/** Applies a batch of events to a model (mutating the copy it makes: every change gives new `cells`, so views memoise on it). */
function apply(prev: MatrixModel, batch: MatrixEventPayload[]): MatrixModel {
  let m: MatrixModel = { ...prev, cells: new Map(prev.cells), pending: new Set(prev.pending), updates: new Map(prev.updates) };
  for (const { scanId, event: e } of batch) {
    if (scanId < m.scanId) continue;
    if (scanId > m.scanId) m = { ...emptyModel(scanId), running: true, loaded: true };
    switch (e.type) {
      case 'profile':
        m.profiles = upsertBy(m.profiles, e.profile, (p) => p.name === e.profile.name);
        break;
      case 'cluster':
        m.clusters = upsertBy(m.clusters, e.cluster, (c) => c.arn === e.cluster.arn);
        break;
      case 'denied':
        m.denials = [...m.denials, e.denial];
        break;
      case 'discovery-failed':
        m.failures = [...m.failures, e.failure];
        break;
      case 'cell': {
        const key = cellKey(e.cell.profile, e.cell.clusterArn);
        m.cells.set(key, e.cell);
        m.pending.delete(key);
        m.updates.set(key, (m.updates.get(key) ?? 0) + 1);
        break;
      }
      case 'progress':
        m.progress = e;
        m.running = true;
        break;
      case 'done':
        if (!e.rerun) {
          m.elapsedMs = e.elapsedMs;
          m.cancelled = e.cancelled;
        }
        // Another run may still go on; the snapshot poll below settles `running`.
        m.running = false;
        if (e.cancelled) m.pending.clear();
        break;
      case 'kubectl':
        m.kubectl = e.uses;
        break;
      case 'failed':
        m.error = { code: e.code, message: e.message };
        m.running = false;
        m.pending.clear();
        break;
    }
  }
  m.version = prev.version + 1;
  return m;
}

/** Live matrix state: the snapshot once, then events applied in batches (a 20 000-cell scan re-renders a few times a second, not per cell). */
export function useMatrix() {
  const [model, setModel] = useState<MatrixModel>(emptyModel);
  const [callError, setCallError] = useState<string | undefined>();
  const queue = useRef<MatrixEventPayload[]>([]);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  const flush = useCallback(() => {
    timer.current = undefined;
    const batch = queue.current;
    queue.current = [];
    if (batch.length) setModel((prev) => apply(prev, batch));
  }, []);

  const refresh = useCallback(async () => {
    const state = await api['matrix.snapshot']({});
    setModel((prev) => {
      if (state.scanId < prev.scanId) return prev;
      const next = apply(fromState(state), []);
      if (state.scanId !== prev.scanId) return next;
      // Events of this scan applied while the snapshot was on its way may be newer than it: keep what it lacks.
      for (const [k, c] of prev.cells) if (!next.cells.has(k)) next.cells.set(k, c);
      for (const p of prev.profiles) if (!next.profiles.some((q) => q.name === p.name)) next.profiles.push(p);
      for (const c of prev.clusters) if (!next.clusters.some((d) => d.arn === c.arn)) next.clusters.push(c);
      return next;
    });
    return state;
  }, []);

  useEffect(() => {
    const off = api.on('matrix.event', (payload) => {
      queue.current.push(payload);
      if (!timer.current) timer.current = setTimeout(flush, 80);
    });
    void refresh().catch((err: Error) => setCallError(err.message));
    return () => {
      off();
      if (timer.current) clearTimeout(timer.current);
    };
  }, [flush, refresh]);

  // A re-run can overlap the initial scan; after any 'done' ask the server whether something still runs.
  const { running, version } = model;
  useEffect(() => {
    if (running || !model.loaded || model.scanId === 0) return;
    const t = setTimeout(() => {
      void api['matrix.snapshot']({}).then((s) => {
        if (s.scanId !== model.scanId) return;
        // The kubeconfig's contexts are matched to clusters as they are found: take the final pairs once.
        const kubectl = s.kubectl ?? [];
        setModel((prev) => {
          const newUses = JSON.stringify(kubectl) !== JSON.stringify(prev.kubectl);
          if (!s.running && !newUses) return prev;
          return { ...prev, running: s.running || prev.running, kubectl: newUses ? kubectl : prev.kubectl, version: prev.version + 1 };
        });
      }, () => undefined);
    }, 300);
    return () => clearTimeout(t);
  }, [running, version, model.loaded, model.scanId]);

  const call = useCallback(async <T,>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      const r = await fn();
      setCallError(undefined);
      return r;
    } catch (err) {
      setCallError((err as Error).message);
      return undefined;
    }
  }, []);

  const start = useCallback(
    (settings: { regions?: string[]; allRegions?: boolean; concurrency?: number } = {}) =>
      call(async () => {
        const r = await api['matrix.start'](settings);
        setModel((prev) => (r.scanId > prev.scanId ? { ...emptyModel(r.scanId), running: true, loaded: true, version: prev.version + 1 } : prev));
        return r;
      }),
    [call],
  );
  const cancel = useCallback(() => call(() => api['matrix.cancel']({})), [call]);
  const rerun = useCallback(
    async (selector: { profile?: string; clusterArn?: string }) => {
      // Marked before the call: the first re-probed cells can stream in before the call answers.
      let marked: string[] = [];
      setModel((prev) => {
        marked = [];
        for (const p of prev.profiles) {
          if (selector.profile && p.name !== selector.profile) continue;
          for (const c of prev.clusters) if (!selector.clusterArn || c.arn === selector.clusterArn) marked.push(cellKey(p.name, c.arn));
        }
        return { ...prev, pending: new Set([...prev.pending, ...marked]), running: true, version: prev.version + 1 };
      });
      const r = await call(() => api['matrix.rerun'](selector));
      if (!r) {
        setModel((prev) => {
          const pending = new Set(prev.pending);
          for (const k of marked) pending.delete(k);
          return { ...prev, pending, running: false, version: prev.version + 1 };
        });
      }
      return r;
    },
    [call],
  );

  return { model, callError, clearError: () => setCallError(undefined), start, cancel, rerun, refresh };
}
