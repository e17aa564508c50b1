/**
 * The options of the density-two-ways task (density-two-ways.ts), in a module of their own so that a page can show
 * and check them without loading the task's code.
 */
import {planeMapNames} from "../flows/plane-maps.ts";
import {choice, integer, number, seed, type Values} from "../options/schema.ts";

export const densityTwoWaysOptions = {
  map: choice(planeMapNames, "planar bump", "the map x = f(z) that pushes z ~ N(0, I)"),
  strength: number(1, "the map's strength k (0 is the identity)", {min: 0, max: 2, step: 0.05}),
  n: integer(20_000, "pushed samples behind the KDE", {min: 100, max: 200_000}),
  bandwidth: number(0.15, "KDE bandwidth: the standard deviation of each sample's Gaussian bump", {
    min: 0.03,
    max: 1,
    step: 0.01
  }),
  grid: integer(64, "pixels per side of the grid both densities are computed on", {min: 8, max: 128}),
  seed: seed()
};

export type DensityTwoWaysOptions = Values<typeof densityTwoWaysOptions>;
