// The frame recorder of the render benchmark: wraps the page's requestAnimationFrame so that every callback is timed,
// and keeps, per animation frame, the interval since the previous one, the time the rAF callbacks took, and the main
// thread's whole work of the frame (from its first callback to a message posted then, which runs only after style,
// layout and paint recording are done).

/** One animation frame's times, in milliseconds. */
export interface FrameTimes {
  interval: number;
  callbacks: number;
  work: number;
}

export interface FrameRecorder {
  /** Starts keeping frames (drops what was kept), or stops. */
  record(on: boolean): void;
  readonly frames: readonly FrameTimes[];
  /** Calls `each` once per animation frame until `stop()`, so that frames are seen even when no demo asks for one. */
  watch(each: () => void): {stop(): void};
}

/** Installs the wrapper (once per page, before any demo is mounted). */
export function frameRecorder(): FrameRecorder {
  const native = window.requestAnimationFrame.bind(window);
  const channel = new MessageChannel();
  const frames: FrameTimes[] = [];
  let recording = false;
  /** The frame whose callbacks run now, and the frames whose end-of-work message has not arrived yet. */
  let current: {stamp: number; start: number; times: FrameTimes} | undefined;
  let previousStamp: number | undefined;
  let open: {start: number; times: FrameTimes}[] = [];

  channel.port1.onmessage = () => {
    const end = performance.now();
    for (const {start, times} of open) {
      times.work = end - start;
      if (recording) frames.push(times);
    }
    open = [];
  };

  window.requestAnimationFrame = (callback: FrameRequestCallback) =>
    native((stamp) => {
      if (current?.stamp !== stamp) {
        const interval = previousStamp === undefined ? NaN : stamp - previousStamp;
        previousStamp = stamp;
        current = {stamp, start: performance.now(), times: {interval, callbacks: 0, work: 0}};
        open.push(current);
        channel.port2.postMessage(0);
      }
      const times = current.times;
      const t0 = performance.now();
      try {
        callback(stamp);
      } finally {
        times.callbacks += performance.now() - t0;
      }
    });

  return {
    record(on) {
      recording = on;
      if (on) frames.length = 0;
    },
    frames,
    watch(each) {
      let live = true;
      const loop = () => {
        if (!live) return;
        each();
        window.requestAnimationFrame(loop);
      };
      window.requestAnimationFrame(loop);
      return {stop: () => void (live = false)};
    }
  };
}

/** p50, p95 and max of some numbers (NaN dropped), rounded to 0.1. */
export function summary(values: readonly number[]): {p50: number; p95: number; max: number; count: number} {
  const sorted = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? NaN;
  const round = (v: number) => Math.round(v * 10) / 10;
  return {p50: round(at(0.5)), p95: round(at(0.95)), max: round(sorted.at(-1) ?? NaN), count: sorted.length};
}
