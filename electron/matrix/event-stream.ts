// An emitter's 'event' events as an async iterator, until the event of type 'done' (or until the caller stops).
import type { EventEmitter } from 'node:events';

export function eventsUntilDone<E extends { type: string }>(emitter: EventEmitter): AsyncIterableIterator<E> {
  const queue: E[] = [];
  let wake: (() => void) | undefined;
  let ended = false;
  const onEvent = (e: E) => {
    queue.push(e);
    if (e.type === 'done') ended = true;
    wake?.();
  };
  emitter.on('event', onEvent);
  const iterator: AsyncIterableIterator<E> = {
    [Symbol.asyncIterator]: () => iterator,
    next: async () => {
      while (!queue.length) {
        if (ended) {
          emitter.off('event', onEvent);
          return { done: true, value: undefined };
        }
        await new Promise<void>((r) => (wake = r));
        wake = undefined;
      }
      const value = queue.shift()!;
      if (value.type === 'done') emitter.off('event', onEvent);
      return { done: false, value };
    },
    return: async () => {
      emitter.off('event', onEvent);
      ended = true;
      return { done: true, value: undefined };
    },
  };
  return iterator;
}
