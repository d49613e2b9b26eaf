import * as tf from '@tensorflow/tfjs';
import { randomTensor as r, ValueRange } from './random-tensor';

/** One kernel call to run on cpu and on torch and compare: `run` builds its inputs on the active backend. */
export interface KernelCase {
  kernel: string;
  label: string;
  run: () => tf.Tensor | tf.Tensor[];
}

const k = (kernel: string, inputs: Record<string, tf.Tensor> | tf.Tensor[], attrs: object = {}): tf.Tensor | tf.Tensor[] =>
  tf.engine().runKernel(kernel, inputs as unknown as tf.NamedTensorMap, attrs as tf.NamedAttrMap) as tf.Tensor | tf.Tensor[];

/** Broadcasting, odd, empty and scalar shape pairs. */
const BINARY_SHAPES: Array<[number[], number[]]> = [[[3, 1, 5], [4, 5]], [[7], [7]], [[0, 3], [3]], [[], [2, 3]]];

function binary(kernel: string, range: ValueRange, rangeB: ValueRange = range): KernelCase[] {
  return BINARY_SHAPES.map(([a, b]) => ({ kernel, label: `${range} ${JSON.stringify(a)}·${JSON.stringify(b)}`, run: () => k(kernel, { a: r(a, range, 1), b: r(b, rangeB, 2) }) }));
}

function unary(kernel: string, range: ValueRange = 'normal', attrs: object = {}): KernelCase[] {
  return [[2, 3, 7], [0, 4], []].map((shape) => ({ kernel, label: `${range} ${JSON.stringify(shape)}`, run: () => k(kernel, { x: r(shape, range) }, attrs) }));
}

const FLOAT_BINARY = ['Add', 'Sub', 'Multiply', 'RealDiv', 'Maximum', 'Minimum', 'SquaredDifference', 'Atan2', 'FloorDiv', 'Mod'];
const INT_BINARY = ['Add', 'Sub', 'Multiply', 'Maximum', 'Minimum', 'SquaredDifference'];
const COMPARISONS = ['Equal', 'NotEqual', 'Less', 'LessEqual', 'Greater', 'GreaterEqual'];

const UNARY: Array<[string, ValueRange]> = [
  ['Exp', 'normal'], ['Expm1', 'normal'], ['Log', 'positive'], ['Log1p', 'positive'], ['Sqrt', 'positive'], ['Rsqrt', 'positive'],
  ['Reciprocal', 'positive'], ['Tanh', 'normal'], ['Sigmoid', 'normal'], ['Softplus', 'normal'], ['Elu', 'normal'], ['Selu', 'normal'],
  ['Erf', 'normal'], ['Sin', 'normal'], ['Cos', 'normal'], ['Tan', 'unit'], ['Asin', 'unit'], ['Acos', 'unit'], ['Atan', 'normal'],
  ['Sinh', 'normal'], ['Cosh', 'normal'], ['Asinh', 'normal'], ['Acosh', 'aboveOne'], ['Atanh', 'unit'], ['Neg', 'normal'], ['Abs', 'normal'],
  ['Square', 'normal'], ['Sign', 'normal'], ['Ceil', 'normal'], ['Floor', 'normal'], ['Round', 'normal'], ['Relu', 'normal'], ['Relu6', 'normal'],
  ['Identity', 'normal'], ['IsNan', 'normal'], ['IsInf', 'normal'], ['IsFinite', 'normal'], ['LogicalNot', 'bool'],
  ['Neg', 'int'], ['Abs', 'int'], ['Square', 'int'], ['Sign', 'int'], ['Relu', 'int'], ['Identity', 'bool'],
];

const conv = { strides: 1, pad: 'same', dataFormat: 'NHWC', dilations: 1 };
const CONV_VARIANTS = [
  { label: 'same 3×3', x: [2, 7, 6, 3], f: [3, 3, 3, 4], attrs: conv },
  { label: 'same 2×2 stride 2 (asymmetric pad)', x: [1, 5, 5, 2], f: [2, 2, 2, 3], attrs: { ...conv, strides: 2 } },
  { label: 'valid stride 2', x: [2, 9, 8, 3], f: [3, 3, 3, 5], attrs: { ...conv, pad: 'valid', strides: [2, 1] } },
  { label: 'dilated', x: [1, 8, 8, 2], f: [3, 3, 2, 2], attrs: { ...conv, dilations: 2 } },
];
const POOL_VARIANTS = [
  { label: '2×2 stride 2 valid', x: [2, 6, 6, 3], attrs: { filterSize: 2, strides: 2, pad: 'valid' } },
  { label: '3×3 stride 2 same', x: [1, 7, 5, 2], attrs: { filterSize: 3, strides: 2, pad: 'same' } },
  { label: '2×2 stride 1 same (asymmetric pad)', x: [1, 5, 5, 2], attrs: { filterSize: 2, strides: 1, pad: 'same' } },
];
const convOut = (x: number[], f: number[], attrs: typeof conv | { strides: number | number[]; pad: string; dilations: number }) =>
  tf.backend_util.computeConv2DInfo(x as [number, number, number, number], f as [number, number, number, number], attrs.strides as number, attrs.dilations, attrs.pad as 'same').outShape;
const poolOut = (x: number[], attrs: { filterSize: number; strides: number; pad: string }) =>
  tf.backend_util.computePool2DInfo(x as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad as 'same').outShape;

/** Every native kernel on random inputs; `kernels.spec.ts` checks each name in TORCH_KERNELS has a case. */
export const KERNEL_CASES: KernelCase[] = [
  ...FLOAT_BINARY.flatMap((name) => binary(name, name === 'FloorDiv' || name === 'Mod' || name === 'RealDiv' ? 'positive' : 'normal')),
  ...binary('Pow', 'positive', 'normal'),
  ...BINARY_SHAPES.map(([a, b]) => ({ kernel: 'Prelu', label: `${JSON.stringify(a)}·${JSON.stringify(b)}`, run: () => k('Prelu', { x: r(a), alpha: r(b, 'normal', 2) }) })),
  ...INT_BINARY.flatMap((name) => binary(name, 'int')),
  ...['FloorDiv', 'Mod'].flatMap((name) => binary(name, 'int', 'nonZeroInt')),
  ...COMPARISONS.flatMap((name) => [...binary(name, 'normal'), ...binary(name, 'int')]),
  ...['LogicalAnd', 'LogicalOr'].flatMap((name) => binary(name, 'bool')),
  ...UNARY.flatMap(([name, range]) => unary(name, range)),
  ...unary('LeakyRelu', 'normal', { alpha: 0.3 }),
  ...unary('ClipByValue', 'normal', { clipValueMin: -0.5, clipValueMax: 1.2 }),
  ...unary('ClipByValue', 'int', { clipValueMin: -2, clipValueMax: 3 }),
  // Step: float32 runs one native pass on the cpu; `atenOps` checks the ATen form other devices and int32 run.
  ...(['normal', 'int'] as const).flatMap((range) =>
    [0, 0.25].flatMap((alpha) => [false, true].flatMap((atenOps) => unary('Step', range, { alpha, atenOps }).map((c) => ({ ...c, label: `${c.label}, alpha ${alpha}${atenOps ? ', ATen ops' : ''}` })))),
  ),
  ...[0, 0.25].flatMap((alpha) =>
    [false, true].map((atenOps) => ({
      kernel: 'Step',
      label: `NaN, ±0, ±inf, alpha ${alpha}${atenOps ? ', ATen ops' : ''}`,
      run: () => k('Step', { x: tf.tensor1d([NaN, -0, 0, 2, -3, Infinity, -Infinity]) }, { alpha, atenOps }),
    })),
  ),
  { kernel: 'Step', label: 'normal [300, 300] (split across threads), alpha 0', run: () => k('Step', { x: r([300, 300]) }, { alpha: 0 }) },
  { kernel: 'EluGrad', label: 'dy, y', run: () => k('EluGrad', { dy: r([3, 4], 'normal', 1), y: tf.elu(r([3, 4], 'normal', 2)) }) },
  ...(['float32', 'int32', 'bool'] as const).flatMap((dtype) =>
    (['normal', 'int', 'bool'] as const).map((range) => ({ kernel: 'Cast', label: `${range} → ${dtype}`, run: () => k('Cast', { x: r([3, 5], range) }, { dtype }) })),
  ),
  { kernel: 'Select', label: 'same shape', run: () => k('Select', { condition: r([3, 4], 'bool'), t: r([3, 4], 'normal', 2), e: r([3, 4], 'normal', 3) }) },
  // (tfjs's cpu Select mishandles a rank-1 condition, so only full-shape conditions are compared; tf.where broadcasts first.)
  { kernel: 'Select', label: 'int32', run: () => k('Select', { condition: r([3, 4], 'bool'), t: r([3, 4], 'int', 2), e: r([3, 4], 'int', 3) }) },
  { kernel: 'Fill', label: 'float', run: () => k('Fill', {}, { shape: [2, 3], value: 1.5, dtype: 'float32' }) },
  { kernel: 'Fill', label: 'int empty', run: () => k('Fill', {}, { shape: [0, 3], value: 4, dtype: 'int32' }) },
  { kernel: 'ZerosLike', label: 'int', run: () => k('ZerosLike', { x: r([2, 3], 'int') }) },
  { kernel: 'OnesLike', label: 'float', run: () => k('OnesLike', { x: r([2, 3]) }) },
  { kernel: 'Range', label: 'float', run: () => k('Range', {}, { start: 1, stop: 4.5, step: 0.5, dtype: 'float32' }) },
  { kernel: 'Range', label: 'int down / empty', run: () => [k('Range', {}, { start: 5, stop: -3, step: -2, dtype: 'int32' }), k('Range', {}, { start: 0, stop: 5, step: -1, dtype: 'int32' })].flat() },
  // Shapes
  { kernel: 'Reshape', label: '-1', run: () => k('Reshape', { x: r([2, 3, 4]) }, { shape: [4, -1] }) },
  { kernel: 'Reshape', label: 'empty', run: () => k('Reshape', { x: r([0, 3]) }, { shape: [3, 0] }) },
  { kernel: 'ExpandDims', label: 'negative axis', run: () => k('ExpandDims', { input: r([2, 3], 'int') }, { dim: -1 }) },
  { kernel: 'AddN', label: 'three inputs', run: () => k('AddN', [r([2, 3]), r([2, 3], 'normal', 2), r([2, 3], 'normal', 3)]) },
  { kernel: 'AddN', label: 'int, one input', run: () => k('AddN', [r([4], 'int')]) },
  ...[[false, false], [true, false], [false, true], [true, true]].map(([exclusive, reverse]) => ({
    kernel: 'Cumsum', label: `exclusive=${exclusive} reverse=${reverse}`, run: () => k('Cumsum', { x: r([3, 5]) }, { axis: 1, exclusive, reverse }),
  })),
  { kernel: 'Einsum', label: 'matmul', run: () => k('Einsum', [r([3, 4]), r([4, 5], 'normal', 2)], { equation: 'ij,jk->ik' }) },
  { kernel: 'Transpose', label: 'rank 3, int', run: () => k('Transpose', { x: r([2, 3, 4], 'int') }, { perm: [2, 0, 1] }) },
  { kernel: 'Slice', label: 'size -1', run: () => k('Slice', { x: r([4, 5, 3]) }, { begin: [1, 0, 2], size: [2, -1, 1] }) },
  { kernel: 'Slice', label: 'empty', run: () => k('Slice', { x: r([4, 5], 'bool') }, { begin: [1, 2], size: [0, 2] }) },
  { kernel: 'Slice', label: 'whole tensor (a new view of it)', run: () => k('Slice', { x: r([3, 4]) }, { begin: [0, 0], size: [-1, -1] }) },
  // (tfjs's cpu StridedSlice is wrong when shrinkAxisMask meets a stride other than 1, so those are tested apart.)
  { kernel: 'StridedSlice', label: 'steps, negative stride', run: () => tf.stridedSlice(r([6, 5, 4]), [5, 0, 1], [0, 5, 3], [-2, 2, 1]) },
  { kernel: 'StridedSlice', label: 'shrink', run: () => tf.stridedSlice(r([6, 5, 4]), [1, 0, 1], [5, 5, 2], [1, 1, 1], 0, 0, 0, 0, 4) },
  { kernel: 'StridedSlice', label: 'masks and new axis', run: () => tf.stridedSlice(r([4, 6], 'int'), [1, 0], [3, 4], [1, 3], 2, 1, 0, 1, 0) },
  { kernel: 'Concat', label: 'axis 1 with an empty input', run: () => k('Concat', [r([2, 3]), r([2, 0]), r([2, 1], 'normal', 3)], { axis: 1 }) },
  { kernel: 'Concat', label: 'int axis -1', run: () => k('Concat', [r([2, 2], 'int'), r([2, 3], 'int', 2)], { axis: -1 }) },
  { kernel: 'Pack', label: 'axis 1', run: () => k('Pack', [r([2, 3]), r([2, 3], 'normal', 2)], { axis: 1 }) },
  { kernel: 'Unpack', label: 'axis 1', run: () => k('Unpack', { value: r([2, 3, 4]) }, { axis: 1 }) },
  { kernel: 'SplitV', label: 'sizes with -1', run: () => k('SplitV', { x: r([3, 7]) }, { numOrSizeSplits: [2, -1, 1], axis: 1 }) },
  { kernel: 'SplitV', label: 'equal parts', run: () => k('SplitV', { x: r([4, 2], 'int') }, { numOrSizeSplits: 2, axis: 0 }) },
  { kernel: 'Tile', label: 'int', run: () => k('Tile', { x: r([2, 3], 'int') }, { reps: [2, 3] }) },
  { kernel: 'PadV2', label: 'float', run: () => k('PadV2', { x: r([2, 3]) }, { paddings: [[1, 2], [0, 3]], constantValue: 0.5 }) },
  { kernel: 'Reverse', label: 'two axes', run: () => k('Reverse', { x: r([2, 3, 4]) }, { dims: [0, 2] }) },
  { kernel: 'GatherV2', label: 'axis 0', run: () => k('GatherV2', { x: r([5, 3]), indices: r([2, 3], 'index') }, { axis: 0, batchDims: 0 }) },
  { kernel: 'GatherV2', label: 'axis 1, int', run: () => k('GatherV2', { x: r([2, 5, 3], 'int'), indices: r([4], 'index') }, { axis: 1, batchDims: 0 }) },
  { kernel: 'UnsortedSegmentSum', label: 'rows', run: () => k('UnsortedSegmentSum', { x: r([6, 3]), segmentIds: r([6], 'index') }, { numSegments: 5 }) },
  { kernel: 'OneHot', label: 'with out of range', run: () => k('OneHot', { indices: tf.tensor1d([0, 3, -1, 2], 'int32') }, { depth: 3, onValue: 2, offValue: -1, dtype: 'float32' }) },
  // Reductions
  ...['Sum', 'Mean', 'Max', 'Min', 'Prod'].flatMap((name) => [
    { kernel: name, label: 'axes [0, 2] keepDims', run: () => k(name, { x: r([3, 4, 5]) }, { axis: [0, 2], reductionIndices: [0, 2], keepDims: true }) },
    { kernel: name, label: 'all axes', run: () => k(name, { x: r([3, 4]) }, { axis: null, reductionIndices: null, keepDims: false }) },
    { kernel: name, label: 'int axis -1', run: () => k(name, { x: r([3, 4], 'int') }, { axis: -1, reductionIndices: -1, keepDims: false }) },
  ]),
  { kernel: 'Sum', label: 'bool', run: () => k('Sum', { x: r([3, 4], 'bool') }, { axis: 1, keepDims: false }) },
  ...['All', 'Any'].map((name) => ({ kernel: name, label: 'bool axes', run: () => k(name, { x: r([3, 4, 2], 'bool') }, { axis: [1, 2], keepDims: false }) })),
  ...['ArgMax', 'ArgMin'].flatMap((name) => [
    { kernel: name, label: 'axis 1', run: () => k(name, { x: r([3, 5, 2]) }, { axis: 1 }) },
    { kernel: name, label: 'int axis 0', run: () => k(name, { x: r([6, 2], 'int') }, { axis: 0 }) },
  ]),
  { kernel: 'Softmax', label: 'last axis', run: () => k('Softmax', { logits: r([4, 7]) }, { dim: -1 }) },
  // Matmul
  { kernel: 'BatchMatMul', label: '2-D', run: () => k('BatchMatMul', { a: r([5, 7]), b: r([7, 3], 'normal', 2) }, { transposeA: false, transposeB: false }) },
  // (tfjs's cpu BatchMatMul miscomputes batch dims that broadcast both ways, e.g. [2, 1] with [3].)
  { kernel: 'BatchMatMul', label: 'transposed, broadcast batch', run: () => k('BatchMatMul', { a: r([2, 3, 7, 5]), b: r([4, 7], 'normal', 2) }, { transposeA: true, transposeB: true }) },
  { kernel: 'BatchMatMul', label: 'int', run: () => k('BatchMatMul', { a: r([3, 4], 'int'), b: r([4, 2], 'int', 2) }, { transposeA: false, transposeB: false }) },
  { kernel: 'BatchMatMul', label: 'empty', run: () => k('BatchMatMul', { a: r([0, 4]), b: r([4, 2]) }, { transposeA: false, transposeB: false }) },
  ...(['linear', 'relu', 'relu6', 'elu', 'sigmoid', 'leakyrelu', 'prelu'] as const).map((activation) => ({
    kernel: '_FusedMatMul',
    label: `bias + ${activation}`,
    run: () => k('_FusedMatMul', { a: r([6, 5]), b: r([5, 4], 'normal', 2), bias: r([4], 'normal', 3), preluActivationWeights: r([4], 'normal', 4) }, { transposeA: false, transposeB: false, activation, leakyreluAlpha: 0.1 }),
  })),
  { kernel: '_FusedMatMul', label: 'batched, transposed, bias', run: () => k('_FusedMatMul', { a: r([2, 5, 6]), b: r([2, 4, 5], 'normal', 2), bias: r([4], 'normal', 3) }, { transposeA: true, transposeB: true, activation: 'relu' }) },
  // Convolution and pooling
  ...CONV_VARIANTS.flatMap(({ label, x, f, attrs }) => [
    { kernel: 'Conv2D', label, run: () => k('Conv2D', { x: r(x), filter: r(f, 'normal', 2) }, attrs) },
    { kernel: 'FusedConv2D', label: `${label}, bias + relu`, run: () => k('FusedConv2D', { x: r(x), filter: r(f, 'normal', 2), bias: r([f[3]], 'normal', 3) }, { ...attrs, activation: 'relu' }) },
  ]),
  // tfjs's conv gradients take no dilations.
  ...CONV_VARIANTS.filter((v) => v.attrs.dilations === 1).flatMap(({ label, x, f, attrs }) => [
    { kernel: 'Conv2DBackpropInput', label, run: () => k('Conv2DBackpropInput', { dy: r(convOut(x, f, attrs), 'normal', 4), filter: r(f, 'normal', 2) }, { ...attrs, inputShape: x }) },
    { kernel: 'Conv2DBackpropFilter', label, run: () => k('Conv2DBackpropFilter', { x: r(x), dy: r(convOut(x, f, attrs), 'normal', 4) }, { ...attrs, filterShape: f }) },
  ]),
  ...POOL_VARIANTS.flatMap(({ label, x, attrs }) => [
    { kernel: 'MaxPool', label, run: () => k('MaxPool', { x: r(x) }, attrs) },
    { kernel: 'AvgPool', label, run: () => k('AvgPool', { x: r(x) }, attrs) },
    { kernel: 'MaxPoolGrad', label, run: () => { const input = r(x); return k('MaxPoolGrad', { dy: r(poolOut(x, attrs), 'normal', 5), input, output: k('MaxPool', { x: input }, attrs) as tf.Tensor }, attrs); } },
    // Under a tape the forward keeps its argmax for the gradient instead of pooling again.
    { kernel: 'MaxPoolGrad', label: `${label}, taped`, run: () => tf.grad((input) => tf.maxPool(input as tf.Tensor4D, attrs.filterSize, attrs.strides, attrs.pad as 'same'))(r(x), r(poolOut(x, attrs), 'normal', 5)) },
    { kernel: 'AvgPoolGrad', label, run: () => k('AvgPoolGrad', { dy: r(poolOut(x, attrs), 'normal', 5), input: r(x) }, attrs) },
  ]),
  {
    kernel: 'FusedBatchNorm',
    label: 'per channel',
    run: () => k('FusedBatchNorm', { x: r([2, 3, 4]), mean: r([4], 'normal', 2), variance: r([4], 'positive', 3), offset: r([4], 'normal', 4), scale: r([4], 'normal', 5) }, { varianceEpsilon: 1e-3 }),
  },
];
