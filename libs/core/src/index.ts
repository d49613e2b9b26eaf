// The public API of @mimo/core, curated as Keras' `keras.api` is: what a user needs to describe, build, train,
// save and serve multi-input / multi-output models. Internals (TensorBoard framing, CRCs, step and metric
// plumbing, registries) live behind '@mimo/core/internal' for Mimo's own packages; test helpers behind
// '@mimo/core/testing'. api/core.api.md lists this surface; a test fails when it changes without that file.

// Specs: validated, JSON-serialisable model descriptions.
export { parseModelSpec, modelSpecJsonSchema, ModelSpecError } from './spec/model-spec';
export type { ModelSpec, ModelSpecInput, InputSpec } from './spec/model-spec';
export { inputShape, inputDtype } from './spec/input-kinds';
export type { InputKind, InputShapeSpec } from './spec/input-kinds';
export type { EncoderConfig, EncoderType } from './encoders';
export type { FusionConfig, FusionType } from './fusion';
export type { HeadConfig, HeadType } from './heads';

// Models and layers.
export { buildModel } from './model/build-model';
export { compileModel } from './model/compile-model';
export { installFusedLayers, registerLayersToLoad, registerMimoLayers } from './model/layer-registry';
export { DotProductAttention, MultiHeadAttention, SequenceMask, MaskedGlobalAveragePooling1D, AttentionPooling, MaskAny, WeightedSum, FusedDense, FusedLSTM, FusedGRU, FusedDropout } from './layers';
export type { DotProductAttentionArgs, MultiHeadAttentionArgs } from './layers';
export { PositionEmbedding } from './encoders/transformer-position';

// Explanations: integrated gradients per input and a modality ablation, per head (docs/web.md#explanations).
export { explainExample, BASELINE_BY_KIND } from './explain';
export type { ExplainOptions, HeadExplanation, InputAttribution } from './explain';

// Bundles: a model, its spec, preprocessing state and card in one folder, written atomically.
export { saveBundle, loadBundle, BUNDLE_FILES, BundleIntegrityError } from './bundle/bundle';
export { verifyBundle } from './bundle/bundle-manifest';
export type { BundleVerification } from './bundle/bundle-manifest';
export { checkBundleTarget, BundleTargetError } from './bundle/bundle-target';
export type { BundleTargetOptions } from './bundle/bundle-target';
export type { Bundle, ModelCard } from './bundle/bundle';
export { writeDirAtomically } from './bundle/atomic-dir';

// Reference models, seeded random data, the model check behind `mimo models --check`.
export { referenceSpec, referenceSpecs } from './reference/reference-specs';
export { randomInputs, randomTargets } from './synthetic/random-examples';
export type { TensorMap } from './synthetic/random-examples';
export { SeededRandom } from './random/seeded-random';
export { checkModel } from './check/check-model';
export type { ModelCheckOptions, ModelCheckResult } from './check/check-model';

// Training: the Trainer, its config, data, callbacks, checkpoints, metrics, optimizers.
export { Trainer, parseTrainerConfig, trainerConfigJsonSchema, TrainerConfigSchema, TrainingError, DataShapeError, evaluateModel, evaluatePredictor } from './training';
export type { FitOptions, TrainerConfig, TrainerConfigInput, EvaluateOptions, Predictor, DataParallelGroup } from './training';
export type { TrainingData, StreamingData, SampleWeights, TrainingHistory, TrainingContext, TrainerCallback, Logs } from './training';
export { createCallback, EarlyStopping, ReduceLROnPlateau, ModelCheckpoint, CsvLogger, TensorBoardLogger, ProgressDisplay, LearningRateScheduler } from './training';
export type { CallbackConfig, CallbackConfigInput, CallbackType, ProgressStream } from './training';
export { findCheckpoint, readCheckpoint } from './training';
export type { Checkpoint, TrainerState } from './training';
export { createMetric, defaultMetrics } from './training';
export type { MetricConfig, MetricConfigInput, MetricType, MetricDefinition, MetricAccumulator } from './training';
export { createTrainingOptimizer, Adam, Sgd, Rmsprop } from './training';
export type { TrainingOptimizer, TrainingOptimizerConfig, TrainingOptimizerConfigInput, OptimizerType, ScheduleConfig, ScheduleType, ClassWeight } from './training';
// For a training loop of one's own: tf.losses' twins in one kernel each way (or tf.losses itself made to run them),
// and whole-step replay (the Trainer does both itself; docs/replay.md).
export { losses, installFusedLosses } from './training';
export { replayable, invalidateRecordedSteps } from '@mimo/kernels';
export type { ReplayableStep, ReplayGraph, ReplayStatus, StepResult } from '@mimo/kernels';

// Ensembles and transfer learning.
export { trainBagging, trainStacking, transferWeights, setTrainable, pretrainedInput, encoderLayerNames } from './training';
export type { BaggingOptions, BaggingEnsemble, StackingOptions, StackingEnsemble, Ensemble, TrainedEnsemble, EnsembleReport, TransferOptions } from './training';

// Augmentation and TensorBoard.
export { createImageAugmenter } from './augmentation';
export type { ImageAugmenter, ImageAugmentationConfig, ImageAugmentationConfigInput } from './augmentation';
export { TensorBoardWriter } from './tensorboard';

// Apps: what a case-study app declares (Mimo's four apps are built on it).
export type { AppCommand, AppDefinition } from './app/app-definition';
