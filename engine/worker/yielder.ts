/**
 * How the worker loop lets the event loop run between two slices of work, so that messages (pause, cancel, ping) are
 * handled promptly. A MessageChannel posts a task at once; `setTimeout(0)` is clamped to 4 ms after a few nested
 * calls in browsers, which would waste a quarter of the worker's time between 12 ms slices.
 */
export interface Yielder {
  /** Calls `callback` once, from a fresh task of the event loop. One call at a time. */
  next(callback: () => void): void;
  /** Frees the channel (a Node process would otherwise stay alive for it). */
  close(): void;
}

/** A MessageChannel yielder where the host has MessageChannel, else one on `setTimeout(0)`. */
export function yielder(): Yielder {
  if (typeof MessageChannel === "undefined") return timeoutYielder();
  let channel: MessageChannel | undefined;
  let waiting: (() => void) | undefined;
  return {
    next(callback) {
      waiting = callback;
      if (!channel) {
        channel = new MessageChannel();
        channel.port1.onmessage = () => {
          const run = waiting;
          waiting = undefined;
          run?.();
        };
        // In Node an open port keeps the process alive; a worker or a page does not care.
        (channel.port1 as {unref?: () => void}).unref?.();
      }
      channel.port2.postMessage(null);
    },
    close() {
      waiting = undefined;
      channel?.port1.close();
      channel = undefined;
    }
  };
}

/** A yielder on `setTimeout(0)`. */
export function timeoutYielder(): Yielder {
  let timer: ReturnType<typeof setTimeout> | undefined;
  return {
    next(callback) {
      timer = setTimeout(callback, 0);
    },
    close() {
      clearTimeout(timer);
    }
  };
}
