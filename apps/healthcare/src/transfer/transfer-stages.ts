import { AppPlugin } from '@mimo/app-kit';
import { Bundle, loadBundle, transferWeights } from '@mimo/core';
import { LEARNING_RATE } from '../model';
import { copyModelWeights } from './copy-weights';
import { pretrainedXrayInput } from './pretrained-xray';

/**
 * The runs of a transfer experiment, in order: `frozen` (the pretrained xray encoder, frozen, under new
 * fusion and heads), `fine_tuned` (the frozen run's model, every layer trainable, at a tenth of the rate) and
 * `scratch` (the same architecture from random weights, for the comparison).
 */
export const TRANSFER_STAGES = ['frozen', 'fine_tuned', 'scratch'] as const;
export type TransferStage = (typeof TRANSFER_STAGES)[number];

/** Fine-tuning's learning rate: a tenth of the rate the other runs start from. */
export const FINE_TUNE_LEARNING_RATE = LEARNING_RATE / 10;

export interface StageSetup {
  stage: TransferStage;
  /** The pretrained bundle (PneumoniaMNIST) and its folder. */
  source: Bundle;
  sourceDir: string;
  /** The frozen run's bundle folder (the `fine_tuned` stage starts from it). */
  frozenDir?: string;
}

/**
 * The app's plugin for one stage: every stage's spec takes the pretrained xray encoder's architecture (so the
 * comparison with scratch is like for like); `afterBuild` loads the weights the stage starts from.
 */
export function stagePlugin(base: AppPlugin, setup: StageSetup): AppPlugin {
  return {
    ...base,
    createSpec: (options) => {
      const spec = base.createSpec(options);
      return { ...spec, inputs: { ...spec.inputs, xray: pretrainedXrayInput(setup.source, setup.sourceDir, options.data) } };
    },
    afterBuild: async ({ model, spec, log }) => {
      if (setup.stage === 'frozen') {
        const taken = transferWeights(model, spec, setup.source, { encoders: { xray: 'xray' }, freeze: true });
        log(`frozen: took ${taken.join(', ')} from ${setup.sourceDir}`);
      } else if (setup.stage === 'fine_tuned') {
        if (!setup.frozenDir) throw new Error('fine-tuning starts from the frozen run: its bundle folder is missing');
        const frozen = await loadBundle(setup.frozenDir);
        try {
          copyModelWeights(model, frozen.model, setup.frozenDir);
        } finally {
          frozen.model.dispose();
        }
        log(`fine_tuned: every layer trainable from ${setup.frozenDir}, learning rate ${FINE_TUNE_LEARNING_RATE}`);
      }
    },
    trainerConfig: (options) => ({
      ...base.trainerConfig?.(options),
      ...(setup.stage === 'fine_tuned' ? { optimizer: { type: 'adam' as const, learningRate: FINE_TUNE_LEARNING_RATE } } : {}),
    }),
  };
}
