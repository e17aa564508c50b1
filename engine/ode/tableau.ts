/**
 * Dormand-Prince 5(4) coefficients (Dormand & Prince 1980; Hairer, Nørsett & Wanner, Solving ODEs I, Table II.5.2),
 * with the dense-output weights of Hairer's DOPRI5 code (Shampine's 4th-order continuous extension).
 */

/** Nodes c2…c7: 1/5, 3/10, 4/5, 8/9, 1, 1. */
export const C = [0, 1 / 5, 3 / 10, 4 / 5, 8 / 9, 1, 1] as const;

/** Stage coefficients a_ij, row i = stage i + 1 (row 6 equals the 5th-order weights B: that is FSAL). */
export const A = [
  [],
  [1 / 5],
  [3 / 40, 9 / 40],
  [44 / 45, -56 / 15, 32 / 9],
  [19372 / 6561, -25360 / 2187, 64448 / 6561, -212 / 729],
  [9017 / 3168, -355 / 33, 46732 / 5247, 49 / 176, -5103 / 18656],
  [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84]
] as const;

/** 5th-order weights b (the solution that is propagated, "local extrapolation"). */
export const B = [35 / 384, 0, 500 / 1113, 125 / 192, -2187 / 6784, 11 / 84, 0] as const;

/**
 * b − b̂ with the standard embedded 4th-order weights b̂ = (5179/57600, 0, 7571/16695, 393/640, −92097/339200,
 * 187/2100, 1/40); scipy's RK45 uses the same pair, so step counts match scipy's.
 */
export const E = [71 / 57600, 0, -71 / 16695, 71 / 1920, -17253 / 339200, 22 / 525, -1 / 40] as const;

/** Dense-output weights d_i of Hairer's DOPRI5 (`contd5`): rcont5 = h Σ d_i k_i. */
export const D = [
  -12715105075 / 11282082432,
  0,
  87487479700 / 32700410799,
  -10690763975 / 1880347072,
  701980252875 / 199316789632,
  -1453857185 / 822651844,
  69997945 / 29380423
] as const;
