import * as tf from '@tensorflow/tfjs';
import { registerTorchBackend } from '../register-torch';
import { ADAM_CASES, adamAgreement, adamCaseLabel, expectedAdamOutputs } from '../testing/adam-agreement';
import { DENSE_CASES, denseAgreement, denseCaseLabel } from '../testing/dense-agreement';
import { HEAD_LOSS_CASES, headLossAgreement, headLossCaseLabel } from '../testing/head-loss-agreement';
import { kernelAgreement } from '../testing/kernel-agreement';
import { KERNEL_CASES } from '../testing/kernel-cases';
import { RECURRENT_CASES, recurrentAgreement, recurrentCaseLabel } from '../testing/recurrent-agreement';
import { trainingDrift } from '../testing/training-drift';

/** The issue's bound: relative error ≤ 1e-5 in float32 against tfjs's cpu kernels. */
const TOLERANCE = 1e-5;
/**
 * An LSTM or reset-after GRU that runs on cuDNN (cuda, sigmoid gates, unmasked or padded at the end:
 * native/libtorch_rnn.h) computes its gates' sigmoid and tanh and sums its products its own way: the LSTM 1.8e-6 to
 * 5.5e-5 from tfjs-layers on an H200 (2026-12-04, unmasked cases), still float32; the GRU not yet measured there.
 */
const CUDNN_TOLERANCE = 1e-4;

/**
 * `npm run verify:torch`: checks a torch build where it runs (MIMO_DEVICE=cuda for a CUDA libtorch) with the
 * same cases as the unit tests: every native kernel against tfjs's cpu kernel, the whole-sequence LSTM / GRU
 * against tfjs-layers, the Dense, Adam and head loss kernels against tfjs ops, and 1,000 training steps (fused Adam, LSTM
 * kernels) for leaks. Prints each failure and a summary; exits 1 on any.
 */
async function main(): Promise<number> {
  const status = registerTorchBackend();
  if (!status.available) {
    process.stderr.write(`torch backend unavailable: ${status.reason}\n`);
    return 1;
  }
  const { info } = status;
  process.stdout.write(`libtorch ${info.version}, device ${info.device}, ${info.threads} threads, BLAS ${info.blas}, cuda available: ${info.cuda}\n`);
  const failures: string[] = [];
  let worst = 0;

  for (const testCase of KERNEL_CASES) {
    const name = `${testCase.kernel} (${testCase.label})`;
    try {
      const a = await kernelAgreement(testCase);
      worst = Math.max(worst, a.worstError);
      if (JSON.stringify(a.actual) !== JSON.stringify(a.expected)) failures.push(`${name}: outputs ${JSON.stringify(a.actual)}, cpu ${JSON.stringify(a.expected)}`);
      else if (!(a.worstError <= TOLERANCE)) failures.push(`${name}: relative error ${a.worstError.toExponential(2)}`);
      if (a.leakedTensors !== 0) failures.push(`${name}: ${a.leakedTensors} tensors leaked`);
    } catch (error) {
      failures.push(`${name}: threw ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
    }
  }
  process.stdout.write(`kernels: ${KERNEL_CASES.length} cases, worst relative error ${worst.toExponential(2)}\n`);

  const cudnn = info.device.startsWith('cuda') && info.cudnn === true;
  for (const c of RECURRENT_CASES) {
    const a = await recurrentAgreement(c);
    const tolerance = cudnn && a.libtorchPath ? CUDNN_TOLERANCE : TOLERANCE;
    const bad = Object.entries(a.worstErrors).filter(([, error]) => !(error <= tolerance));
    const label = recurrentCaseLabel(c);
    const errors = Object.entries(a.worstErrors).map(([n, e]) => `${n} ${e.toExponential(1)}`).join(', ');
    process.stdout.write(`recurrent ${label}: ${errors}${tolerance === TOLERANCE ? '' : ` (on cuDNN: within ${tolerance})`}\n`);
    if (bad.length > 0 || a.missing.length > 0) failures.push(`recurrent ${label}: ${bad.map(([n]) => n).concat(a.missing).join(', ')} off`);
    if (!a.maskedRowKept) failures.push(`recurrent ${label}: the fully masked row did not keep its initial state`);
    if (a.leakedTensors !== 0) failures.push(`recurrent ${label}: ${a.leakedTensors} tensors leaked`);
  }

  for (const c of DENSE_CASES) {
    const a = await denseAgreement(c);
    process.stdout.write(`dense ${denseCaseLabel(c)}: ${a.worstError.toExponential(1)}\n`);
    if (!(a.worstError <= TOLERANCE)) failures.push(`dense ${denseCaseLabel(c)}: relative error ${a.worstError.toExponential(2)}`);
    if (a.leakedTensors !== 0) failures.push(`dense ${denseCaseLabel(c)}: ${a.leakedTensors} tensors leaked`);
  }

  for (const c of ADAM_CASES) {
    const a = await adamAgreement(c);
    const label = `adam ${adamCaseLabel(c)}`;
    process.stdout.write(`${label}: ${a.worstError.toExponential(1)}\n`);
    const outputs = expectedAdamOutputs(c, info.device);
    if (!(a.worstError <= TOLERANCE) || a.outputs !== outputs || !a.sharersKept) failures.push(`${label}: relative error ${a.worstError.toExponential(2)}, ${a.outputs} outputs, sharers ${a.sharersKept ? 'kept' : 'changed'}`);
    if (a.leakedTensors !== 0) failures.push(`${label}: ${a.leakedTensors} tensors leaked`);
  }

  for (const c of HEAD_LOSS_CASES) {
    const a = await headLossAgreement(c);
    const label = `head loss ${headLossCaseLabel(c)}`;
    process.stdout.write(`${label}: ${a.worstError.toExponential(1)}\n`);
    if (!(a.worstError <= TOLERANCE)) failures.push(`${label}: relative error ${a.worstError.toExponential(2)}`);
    if (a.leakedTensors !== 0) failures.push(`${label}: ${a.leakedTensors} tensors leaked`);
  }

  await tf.setBackend('torch');
  const drift = trainingDrift(1000);
  process.stdout.write(`1,000 training steps: tensors ${drift.tensors}, native tensors ${drift.nativeTensors}, native bytes ${drift.nativeBytes}, LSTM / GRU graphs kept ${drift.rnnGraphs}, rss ${(drift.rssBytes / 2 ** 20).toFixed(1)} MiB\n`);
  if (drift.tensors !== 0 || drift.nativeTensors !== 0 || drift.nativeBytes !== 0 || drift.rnnGraphs !== 0) failures.push('training leaked tensors');

  process.stdout.write(failures.length === 0 ? 'verify:torch passed\n' : `verify:torch: ${failures.length} failures\n${failures.map((f) => `  ${f}`).join('\n')}\n`);
  return failures.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
    process.exit(1);
  },
);
