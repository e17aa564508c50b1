/**
 * The demonstrations of the policy toy (lecture D4.27): a robot drives up from (0, 0) to (0, 2) past a round obstacle
 * centred at (o, 1), and its action a is the lateral position at which it crosses the obstacle's row (y = 1). The
 * observation o is where the obstacle stands. Demonstrators pass on the left (a = o − gap) or on the right
 * (a = o + gap), each with a little spread, and prefer the side away from the obstacle: left with probability
 * sigmoid(o / preference). So for an obstacle straight ahead the demonstrations split 50/50 into two modes, and
 * their mean action, E[a | o] = o + gap·(1 − 2·P(left | o)), is the obstacle's own centre: what a regressor trained
 * with squared error learns, and a collision.
 */
import type {Rng} from "../random.ts";

/** The scene and the demonstrators' habits. */
export interface PolicyScene {
  /** Radius of the obstacle: an action with |a − o| < radius hits it. */
  readonly radius: number;
  /** Lateral distance from the obstacle's centre at which demonstrators pass it. */
  readonly gap: number;
  /** Standard deviation of a demonstrator's action around its mode. */
  readonly spread: number;
  /** Scale of the preference for the far side: P(left | o) = sigmoid(o / preference). */
  readonly preference: number;
  /** Observations are drawn uniformly from [−range, range]. */
  readonly range: number;
}

/** The scene every part of the toy uses (task, demo, tests). */
export const policyScene: PolicyScene = Object.freeze({
  radius: 0.35,
  gap: 0.7,
  spread: 0.08,
  preference: 0.2,
  range: 1
});

/** P(left | o): the probability that a demonstrator passes the obstacle at o on its left. */
export function leftProbability(o: number, scene: PolicyScene = policyScene): number {
  return 1 / (1 + Math.exp(-o / scene.preference));
}

/** E[a | o]: the mean demonstrated action, the exact minimizer of the squared error over the demonstrations. */
export function meanAction(o: number, scene: PolicyScene = policyScene): number {
  return o + scene.gap * (1 - 2 * leftProbability(o, scene));
}

/** Whether the action a at observation o crosses the obstacle's row inside the obstacle. */
export function hitsObstacle(a: number, o: number, scene: PolicyScene = policyScene): boolean {
  return Math.abs(a - o) < scene.radius;
}

/** n demonstrations (o uniform on [−range, range], a from the mode the demonstrator picked), drawn from `random`. */
export function sampleDemonstrations(
  n: number,
  random: Rng,
  scene: PolicyScene = policyScene
): {observations: Float64Array; actions: Float64Array} {
  if (!(Number.isInteger(n) && n >= 1)) throw new RangeError(`invalid demonstration count: ${n}`);
  const observations = new Float64Array(n);
  const actions = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const o = scene.range * (2 * random.uniform() - 1);
    const left = random.uniform() < leftProbability(o, scene);
    observations[i] = o;
    actions[i] = o + (left ? -scene.gap : scene.gap) + scene.spread * random.normal();
  }
  return {observations, actions};
}
