import { useLayoutEffect } from 'react';

/** Room left above and below the modal (the modal keeps 12 px on each side). */
const MARGIN = 32;
/** Never smaller than this: a very short window scrolls the modal instead. */
const MIN_HEIGHT = 160;

/**
 * The modal's box around `el`: the outermost ancestor that still takes pointer events (the modal's overlay and the
 * layer holding the box let clicks through; the box itself does not).
 */
function modalBoxOf(el: HTMLElement): HTMLElement | undefined {
  const overlay = el.closest<HTMLElement>('[role="dialog"]');
  if (!overlay) return undefined;
  let box: HTMLElement | undefined;
  for (let node: HTMLElement | null = el; node && node !== overlay; node = node.parentElement) {
    if (getComputedStyle(node).pointerEvents !== 'none') box = node;
    else break;
  }
  return box;
}

/**
 * Caps the height of a scrolling part of a modal so that the whole modal fits the window: what is around that part
 * (a wizard's title, Back and Next) stays in view while the part scrolls. Follows the window's and the modal's size.
 * Takes the element itself (from a callback ref): a modal's content mounts after the modal, so a ref object would
 * still be empty when the effect first runs.
 */
export function useFitInWindow(el: HTMLElement | null, changeKey: unknown): void {
  useLayoutEffect(() => {
    const box = el && modalBoxOf(el);
    if (!el || !box) return;
    const fit = () => {
      const around = box.getBoundingClientRect().height - el.getBoundingClientRect().height;
      const max = `${Math.max(MIN_HEIGHT, Math.floor(window.innerHeight - MARGIN - around))}px`;
      if (el.style.maxHeight !== max) el.style.maxHeight = max;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    window.addEventListener('resize', fit);
    return () => {
      observer.disconnect();
      window.removeEventListener('resize', fit);
    };
  }, [el, changeKey]);
}
