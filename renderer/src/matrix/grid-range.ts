/** A cell of the grid by row and column index. */
export interface GridPosition {
  r: number;
  c: number;
}

/** The first and last index to render along one axis: those in view plus an overscan on each side. */
export function range(scroll: number, viewport: number, offset: number, size: number, count: number, overscan: number): [number, number] {
  const first = Math.max(0, Math.floor(scroll / size) - overscan);
  const last = Math.min(count - 1, Math.ceil((scroll + Math.max(0, viewport - offset)) / size) + overscan);
  return [first, last];
}
