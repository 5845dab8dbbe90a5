/**
 * The naive-Bayes deal model's training messages, shared by the test that retrains the committed
 * model (dealModel.test.ts) and the confidence calibration (dealCalibration.ts), which must read
 * those same messages' posteriors out of fold. Never: holdout2, holdout3, untouched, any blind<N>/.
 */
import { type DealExample, dealModelText } from "../src/dealModel";
import { BLIND } from "./fixtures/blind";
import { CORPUS, type LabelledMessage } from "./fixtures/corpus";
import { HOLDOUT } from "./fixtures/holdout";
import { TUNING } from "./fixtures/tuning";
import { TUNING2, TUNING2_DEAL } from "./fixtures/tuning2";
import { TUNING3_DEAL } from "./fixtures/tuning3";

export const DEAL_MODEL_TRAINING: LabelledMessage[] = [
  ...CORPUS,
  ...HOLDOUT,
  ...BLIND,
  ...TUNING,
  ...TUNING2,
  ...TUNING2_DEAL,
  ...TUNING3_DEAL,
];

/** A labelled message as the model trains on it. */
export const dealExample = (l: LabelledMessage): DealExample => ({
  text: dealModelText(l.msg),
  direction: l.msg.direction,
  stage: l.expect.dealStage,
});
