/** Longest step an animation takes at once, in seconds (a tab in the background must not jump the state ahead). */
const MAX_DT = 0.1;

/** A requestAnimationFrame loop that runs only while something moves, and stops itself when idle. */
export interface AnimationLoop {
  /** Schedules one tick (if none is scheduled); `tick` keeps the loop going by returning true. */
  request(): void;
  /** Cancels the scheduled tick; the next `request` starts a new run (its first `dt` is 0). */
  stop(): void;
  /** True while a tick is scheduled. */
  readonly active: boolean;
}

/** Calls `tick(dt)` once per animation frame while it returns true; `dt` is in seconds since the previous tick. */
export function animationLoop(tick: (dt: number) => boolean): AnimationLoop {
  let id = 0;
  let last: number | undefined;
  const run = (now: number) => {
    id = 0;
    const dt = last === undefined ? 0 : Math.min(MAX_DT, (now - last) / 1000);
    last = now;
    if (tick(dt)) id = id || requestAnimationFrame(run);
    else if (id === 0) last = undefined;
  };
  return {
    request() {
      if (id === 0) id = requestAnimationFrame(run);
    },
    stop() {
      if (id !== 0) cancelAnimationFrame(id);
      id = 0;
      last = undefined;
    },
    get active() {
      return id !== 0;
    }
  };
}
