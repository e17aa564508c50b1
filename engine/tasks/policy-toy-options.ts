/**
 * The options of the policy-toy task (policy-toy.ts), in a module of their own so that a page can show and check them
 * without loading the training code.
 */
import {integer, number, seed, type Values} from "../options/schema.ts";

export const policyToyOptions = {
  demonstrations: integer(2000, "demonstrations (observation, action) both policies learn from", {
    min: 50,
    max: 20_000
  }),
  training: integer(1200, "training steps of both networks (one minibatch each per step)", {min: 10, max: 50_000}),
  lr: number(2e-2, "peak Adam learning rate (a cosine decays it to 5% by the last step)", {min: 1e-6, max: 1}),
  batch: integer(256, "demonstrations per minibatch", {min: 8, max: 2048}),
  width: integer(64, "width of the 3 hidden layers of both networks", {min: 8, max: 256}),
  seed: seed()
};

export type PolicyToyOptions = Values<typeof policyToyOptions>;
