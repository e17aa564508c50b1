/**
 * The `advance` of a demo whose play button runs its clock `t` from where it is to 1 in `seconds` (then stops):
 * every time-slider demo plays this way.
 */
export function playClock(seconds: number): (state: {t: number}, dt: number) => {t: number} | undefined {
  if (!(seconds > 0)) throw new RangeError(`invalid clock duration: ${seconds} s`);
  return ({t}, dt) => (t >= 1 ? undefined : {t: Math.min(1, t + dt / seconds)});
}
