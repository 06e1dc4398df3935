import { useEffect, useState } from 'react';

/**
 * False in a component's first render, true once the browser has painted it: a part of the page the user does not
 * need first (below the table) is then rendered in a task of its own, instead of lengthening the one that puts the
 * first screen up.
 */
export function useAfterPaint(): boolean {
  const [painted, setPainted] = useState(false);
  useEffect(() => {
    if (painted) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A frame's callback runs before its paint; a task queued from it runs after.
    const frame = requestAnimationFrame(() => (timer = setTimeout(() => setPainted(true))));
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [painted]);
  return painted;
}
