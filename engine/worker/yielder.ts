/**
 * How the worker loop lets the event loop run between two slices of work, so that messages (pause, cancel, ping) are
 * handled promptly. In a browser a MessageChannel posts a task at once, queued behind the messages already there;
 * `setTimeout(0)` would be clamped to 4 ms after a few nested calls, a quarter of the worker's time between 12 ms
 * slices. Node (the tests, the command line) drains up to 1000 messages of a port before it runs anything else
 * (timers included), so there `setImmediate` is used: it runs after the pending I/O and timers.
 */
export interface Yielder {
  /** Calls `callback` once, from a fresh task of the event loop. One call at a time. */
  next(callback: () => void): void;
  /** Drops the pending call and frees what the yielder holds. */
  close(): void;
}

/** `setImmediate` in Node, a MessageChannel in browsers, `setTimeout(0)` where there is neither. */
export function yielder(): Yielder {
  if (typeof setImmediate === "function") return immediateYielder();
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

/** A yielder on `setImmediate` (Node). */
export function immediateYielder(): Yielder {
  let immediate: ReturnType<typeof setImmediate> | undefined;
  return {
    next(callback) {
      immediate = setImmediate(callback);
    },
    close() {
      if (immediate !== undefined) clearImmediate(immediate);
    }
  };
}
