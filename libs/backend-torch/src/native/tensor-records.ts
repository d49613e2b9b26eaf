import { NativeTensor, TorchAddon } from './torch-addon';

const DTYPES: ReadonlyArray<NativeTensor['dtype']> = ['float32', 'int32', 'bool', 'int64', 'float64', 'other'];

/** The addon's entry points that hand tensors out (native/tensor_store.h's `describe`). */
const HANDING_OUT = ['call', 'recurrent', 'adamUpdate', 'headLoss', 'headLossGrad', 'stepCpu', 'dropoutMask', 'linear', 'dense', 'denseGrad', 'fromArray', 'planReplay'] as const;

/** The compiled module as it loads: tensors handed out as bare handles, their dtype and shape in `tensorRecords`. */
export type RawTorchAddon = Omit<TorchAddon, (typeof HANDING_OUT)[number]> & { tensorRecords?: Float64Array } & Record<(typeof HANDING_OUT)[number], (...args: never[]) => unknown>;

/**
 * The addon with every tensor it hands out as a { id, shape, dtype } object, built here from the shared records
 * (native/tensor_store.h) rather than through N-API, which cost half of a small kernel's native call. An addon
 * built before the records is returned as it is.
 */
export function withTensorRecords(raw: RawTorchAddon): TorchAddon {
  const records = raw.tensorRecords;
  if (records === undefined) return raw as unknown as TorchAddon;
  let next = 1;
  const tensorOf = (id: number): NativeTensor => {
    if (records[next] !== id) throw new Error(`torch backend: tensor ${id} has no record (the addon and its JavaScript side disagree)`);
    const rank = records[next + 2];
    const shape = new Array<number>(rank);
    for (let i = 0; i < rank; i++) shape[i] = records[next + 3 + i];
    const tensor: NativeTensor = { id, shape, dtype: DTYPES[records[next + 1]] };
    next += 3 + rank;
    return tensor;
  };
  // Tensors come in the order the addon recorded them: depth first, as this walks.
  const decode = (value: unknown): unknown => {
    if (typeof value === 'number') return tensorOf(value);
    if (Array.isArray(value)) {
      for (let i = 0; i < value.length; i++) value[i] = decode(value[i]);
    }
    return value; // null, a { scalar }, or a { id, shape, dtype } handed out when the records were full
  };
  const decoding = <F extends (...args: never[]) => unknown>(entry: F) =>
    (...args: Parameters<F>): unknown => {
      records[0] = 1;
      next = 1;
      return decode(entry(...args));
    };
  const addon: Record<string, unknown> = { ...raw };
  for (const name of HANDING_OUT) addon[name] = decoding(raw[name]);
  return addon as unknown as TorchAddon;
}
