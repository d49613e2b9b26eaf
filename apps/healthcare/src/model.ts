import { SpecOptions } from '@mimo/app-kit';
import { ModelSpecInput, referenceSpec } from '@mimo/core';

type EncoderInput = Extract<ModelSpecInput['inputs'][string], { kind: 'image' }>['encoder'];
type LabsEncoder = Extract<ModelSpecInput['inputs'][string], { kind: 'numeric' }>['encoder'];

/** The app's reference spec, as `mimo healthcare spec` shows it (lab values + chest X-ray → outcome). */
export const healthcareSpec = referenceSpec('healthcare_labs_image');

/** Adam's learning rate for every healthcare model trained from its initial weights. */
export const LEARNING_RATE = 0.002;

/** Loss weight of the auxiliary heads (severity, icu) beside the outcome's 1. */
export const AUXILIARY_LOSS_WEIGHT = 0.3;

/** The image-only encoder (PneumoniaMNIST, hence the pretrained encoder of transfer learning). */
export const XRAY_ENCODER: EncoderInput = { type: 'cnn', filters: [32, 64, 128], units: [128], batchNorm: true, dropout: 0.3 };

/**
 * The encoder of a labs-only model (WDBC): one hidden layer with strong dropout, straight into the heads. On a few
 * hundred patients the cohort model's two layers and fusion layer overfit: WDBC 10-fold CV 0.970 against 0.975
 * (mean of six fold assignments, docs/real-data.md).
 */
const LABS_ONLY_ENCODER: LabsEncoder = { type: 'dense', units: [32], dropout: 0.5 };

/** The lab encoder of a model with an image beside the labs. */
const LABS_ENCODER: LabsEncoder = { type: 'dense', units: [32, 16], dropout: 0.2 };

/** The smaller encoder of the fused cohort model trained from scratch by `train`. */
const COHORT_XRAY_ENCODER: EncoderInput = { type: 'cnn', filters: [16, 32], units: [32] };

const SPEC_NAMES: Record<string, string> = { PneumoniaMNIST: 'pneumoniamnist_xray', WDBC: 'wdbc_labs' };

/**
 * The healthcare spec for prepared data: `labs` → Dense [32, 16] (dropout 0.2; labs only: `LABS_ONLY_ENCODER`),
 * `xray` → CNN [16, 32] + Dense 32 (image only: `XRAY_ENCODER`), fusion concat + Dense 32 (labs only: none;
 * `--fusion gated`: gated fusion, a learnt per-patient weighting of the modalities), heads from the labels —
 * outcome / diagnosis binary (weight 1), severity multiclass and icu binary as auxiliary heads (weight 0.3).
 */
export function createHealthcareSpec({ data, fusion }: SpecOptions): ModelSpecInput {
  const inputs = data.inputs;
  const imageOnly = !('labs' in inputs);
  const labsOnly = !('xray' in inputs);
  const encoders: ModelSpecInput['inputs'] = {};
  if (inputs.labs?.kind === 'numeric') encoders.labs = { ...inputs.labs, encoder: labsOnly ? LABS_ONLY_ENCODER : LABS_ENCODER };
  if (inputs.xray?.kind === 'image') encoders.xray = { ...inputs.xray, encoder: imageOnly ? XRAY_ENCODER : COHORT_XRAY_ENCODER };
  const heads = Object.fromEntries(
    Object.entries(data.heads ?? {}).map(([name, head]) => [name, name === 'outcome' || name === 'diagnosis' ? head : { ...head, lossWeight: AUXILIARY_LOSS_WEIGHT }]),
  );
  return {
    name: SPEC_NAMES[data.card.name] ?? 'patient_outcome',
    description: 'Lab values + chest X-ray → outcome (+ severity)',
    inputs: encoders,
    fusion: fusion === 'gated' && Object.keys(encoders).length > 1 ? { type: 'gated', units: [32] } : { type: 'concat', units: labsOnly ? [] : [32], dropout: 0.2 },
    heads,
    optimizer: { type: 'adam', learningRate: LEARNING_RATE },
  };
}
