import { useEffect, type RefObject } from 'react';

/**
 * While part of the grid is below the window's bottom edge, the wheel over it scrolls the page until the grid is in
 * full view, and only then the grid's rows: no box that scrolls on its own half out of sight. (At the grid's end,
 * the browser hands the wheel back to the page.)
 */
export function usePageFirstWheel(scroller: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = scroller.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (e.deltaY <= 0 || e.ctrlKey || e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) return;
      const hiddenBelow = el.getBoundingClientRect().bottom - window.innerHeight;
      const page = document.scrollingElement ?? document.documentElement;
      const pageLeft = page.scrollHeight - page.clientHeight - page.scrollTop;
      if (hiddenBelow <= 1 || pageLeft <= 1) return;
      const px = e.deltaMode === 1 ? e.deltaY * 16 : e.deltaMode === 2 ? e.deltaY * window.innerHeight : e.deltaY;
      e.preventDefault();
      window.scrollBy({ top: Math.min(px, Math.ceil(hiddenBelow), pageLeft) });
    };
    // Not passive: the wheel's default (scrolling the grid) is what it replaces.
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, [scroller]);
}
