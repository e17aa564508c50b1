import type {Frame} from "../../engine/tasks/task.ts";
import type {EngineClient, JobHandle} from "./engine.ts";
import type {TaskRequest} from "./spec.ts";

/** A demo's engine job: the client's handle, plus whether it has ended; nothing is heard from it once cancelled. */
export interface DemoJob extends Pick<JobHandle, "pause" | "resume" | "step" | "cancel"> {
  /** The task finished (its last frame came before). */
  readonly done: boolean;
}

/** What a demo does with its job's news. */
export interface DemoJobListener {
  frame(frame: Frame): void;
  done(): void;
  error(error: Error): void;
}

/**
 * Starts `request` on the engine. Calls that arrive after `cancel` (a message already on its way from the worker)
 * are dropped here, so a demo restarted with new options never draws a frame of the old job.
 */
export function startJob(client: EngineClient, request: TaskRequest, on: DemoJobListener): DemoJob {
  let live = true;
  let done = false;
  const handle = client.start(request, {
    frame: (frame) => void (live && on.frame(frame)),
    done() {
      if (!live) return;
      done = true;
      on.done();
    },
    error: (error) => void (live && on.error(error))
  });
  return {
    pause: () => handle.pause(),
    resume: () => handle.resume(),
    step: () => handle.step(),
    cancel() {
      live = false;
      handle.cancel();
    },
    get done() {
      return done;
    }
  };
}
