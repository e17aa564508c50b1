/**
 * The options of the neural-ode task (neural-ode.ts), in a module of their own so that the page can show and check
 * them without loading the network.
 */
import {number, seed} from "../options/schema.ts";

export const neuralOdeOptions = {
  seed: seed(0, "seed of the network's random weights (reseed: another random field)"),
  scale: number(1.5, "factor on every weight of the untrained network u^θ_t(x)", {min: 0, max: 4, step: 0.1})
};
