export {fastMlp, type FastActivation, type FastLayer, type FastMlp, type FastMlpOptions} from "./mlp.ts";
export {fastMlpFromJSON, type MlpJson} from "./json.ts";
export {regressionTrainer, type RegressionTrainer, type RegressionTrainerOptions} from "./trainer.ts";
export {timeWidth, type TimeMode} from "./features.ts";
