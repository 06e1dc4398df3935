// How far the main process's V8 heap may grow past what is live before a full collection. A scan allocates
// ~150 KB per cell that dies within milliseconds; with its default heuristics V8 lets the old generation grow
// to ~4× the live size (and waits until ~300 MB for its first full collection), so a 100 × 200 scan peaked
// at ~460 MB RSS of which ~80 MB was live. A fixed growth of 40% keeps it near 260 MB for ~5% more CPU.
// Not a cap: a larger world still gets all the heap it needs (a max-old-space-size would crash it instead).
// V8 reads this flag at every full collection, so setting it at run time takes effect (measured by
// `npm run bench:matrix`); it applies to every thread of the process that scans: the app's main process (or the
// CLI) and its Kubernetes worker thread.
import { setFlagsFromString } from 'node:v8';

export const HEAP_GROWING_PERCENT = 40;

let applied = false;

export function limitHeapGrowth(): void {
  if (applied || process.env.EAD_HEAP_GROWING_PERCENT === 'default') return;
  applied = true;
  setFlagsFromString(`--heap-growing-percent=${HEAP_GROWING_PERCENT}`);
}
