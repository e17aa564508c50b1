// An engine client that passes everything to the page's shared one and notes, per task name, when each job started,
// its newest frame and when it arrived, and when it finished: what the benchmark reads of the worker.
import type {EngineClient, JobListener} from "../../../demos/runtime/engine.ts";
import type {Frame} from "../../../engine/tasks/task.ts";

/** What the tap saw of the latest job of one task. */
export interface Seen {
  startedAt: number;
  frame?: Frame;
  frameAt?: number;
  /** Each frame's arrival time and the frame, while `keep` is on. */
  log: {at: number; frame: Frame}[];
  doneAt?: number;
  error?: string;
}

export interface Tap {
  client: EngineClient;
  seen: Map<string, Seen>;
  /** Keep every frame in `log` (for the training run's phase times). */
  keep: boolean;
}

export function tap(inner: () => EngineClient): Tap {
  const seen = new Map<string, Seen>();
  const out: Tap = {
    seen,
    keep: false,
    client: {
      start(request, listener: JobListener) {
        const entry: Seen = {startedAt: performance.now(), log: []};
        seen.set(request.task, entry);
        return inner().start(request, {
          frame(frame) {
            entry.frame = frame;
            entry.frameAt = performance.now();
            if (out.keep) entry.log.push({at: entry.frameAt, frame});
            listener.frame(frame);
          },
          done() {
            entry.doneAt = performance.now();
            listener.done?.();
          },
          error(error) {
            entry.error = error.message;
            listener.error(error);
          }
        });
      },
      stats: () => inner().stats(),
      restart: (reason) => inner().restart(reason)
    }
  };
  return out;
}
