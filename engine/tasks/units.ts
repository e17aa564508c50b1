/**
 * A job's work as a queue of small units (one solver step, one model's samples): each slice runs units until its
 * budget is spent, always at least one, so every slice makes progress however small the budget.
 */

/** Runs units from the front of `queue` for about `budgetMs`; true once the queue is empty. */
export function runUnits(queue: (() => void)[], budgetMs: number): boolean {
  const start = performance.now();
  do queue.shift()?.();
  while (queue.length > 0 && performance.now() - start < budgetMs);
  return queue.length === 0;
}
