export {fastMlp, type FastActivation, type FastLayer, type FastMlp, type FastMlpOptions} from "./mlp.ts";
export {fastMlpFromJSON, type MlpJson} from "./json.ts";
export {regressionTrainer, type RegressionTrainer, type RegressionTrainerOptions} from "./trainer.ts";
export {timeWidth, type TimeMode} from "./features.ts";
export {constantSchedule, cosineSchedule, type CosineScheduleOptions, type LrSchedule} from "./schedule.ts";
export {parameterEma, type ParameterEma} from "./ema.ts";
