import type {Command} from "./command.ts";
import {benchCommand} from "./commands/bench.ts";
import {datasetsCommand} from "./commands/datasets.ts";
import {integrateCommand} from "./commands/integrate.ts";
import {sampleCommand} from "./commands/sample.ts";
import {trainCommand} from "./commands/train.ts";
import {trainCnfCommand} from "./commands/train-cnf.ts";
import {trainNfCommand} from "./commands/train-nf.ts";
import {w2Command} from "./commands/w2.ts";
import {weightsCommand} from "./commands/weights.ts";
import {weightsNfCommand} from "./commands/weights-nf.ts";

/**
 * The registry of CLI commands, in the order `--help` lists them. Each command lives in its own file under
 * engine/cli/commands/; adding one is one import and one entry here.
 */
export const commands: Command[] = [
  datasetsCommand,
  w2Command,
  integrateCommand,
  trainCnfCommand,
  trainNfCommand,
  trainCommand,
  sampleCommand,
  weightsCommand,
  weightsNfCommand,
  benchCommand
];
