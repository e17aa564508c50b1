/**
 * `neural-ode`: an untrained neural ODE's field and the RK4 trajectories of a grid of starts and of 1000 draws from
 * N(0, I) (lecture D3.7-D3.8), one RK4 step per unit of work, one frame when all steps are done.
 */
import type {Values} from "../options/schema.ts";
import {neuralOdeOptions} from "./neural-ode-options.ts";
import {neuralScene, type NeuralScene} from "./neural-ode-scene.ts";
import type {EngineTask, Job} from "./task.ts";
import {runUnits} from "./units.ts";

/** Points of the N(0, I) cloud the worker pushes (the page's still pushes fewer). */
export const NEURAL_CLOUD = 1000;

export const neuralOde: EngineTask<typeof neuralOdeOptions, NeuralScene> = {
  name: "neural-ode",
  options: neuralOdeOptions,
  start({seed, scale}: Values<typeof neuralOdeOptions>): Job<NeuralScene> {
    const work = neuralScene(seed, scale, NEURAL_CLOUD);
    const units = Array.from({length: work.scene.steps}, () => () => void work.advance());
    return {
      run(budgetMs) {
        const done = runUnits(units, budgetMs);
        return done ? {frame: work.scene, done} : {done};
      }
    };
  }
};
