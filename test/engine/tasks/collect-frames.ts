import type {Frame, Job} from "../../../engine/tasks/task.ts";

/** Runs a job to its end in slices of `budgetMs`, returns every frame it made, and frees it (also when it throws). */
export function collectFrames<F extends Frame>(job: Job<F>, budgetMs = 20): F[] {
  const frames: F[] = [];
  try {
    for (;;) {
      const slice = job.run(budgetMs);
      if (slice.frame) frames.push(slice.frame);
      if (slice.done) return frames;
    }
  } finally {
    job.dispose?.();
  }
}
