import { loadTorchAddon } from './load-addon';
import { RawTorchAddon, withTensorRecords } from './tensor-records';
import { NativeTensor, TorchAddon } from './torch-addon';

const loaded = loadTorchAddon();
const describeBuilt = loaded.ok ? describe : describe.skip;

describeBuilt('tensors handed out through the shared records (addon built)', () => {
  const addon = (loaded as { addon: TorchAddon }).addon;
  const made: number[] = [];
  const keep = (t: NativeTensor) => (made.push(t.id), t);
  afterAll(() => addon.free(made));

  const op = (name: string, overload: string) => addon.operatorIndex(`aten::${name}`, overload);
  const x = () => keep(addon.fromArray(new Float32Array(24).map((_, i) => i), [2, 3, 4], 'float32'));

  it('gives each tensor its id, shape and dtype, nested results included', () => {
    const input = x();
    expect(input.shape).toEqual([2, 3, 4]);
    expect(input.dtype).toBe('float32');
    const [values, indices] = addon.call(op('max', 'dim'), [input.id, 2, false]) as NativeTensor[];
    keep(values);
    keep(indices);
    expect([values.shape, values.dtype, indices.shape, indices.dtype]).toEqual([[2, 3], 'float32', [2, 3], 'int64']);
    const [parts] = addon.call(op('unbind', 'int'), [input.id, 1]) as NativeTensor[][];
    parts.forEach(keep);
    expect(parts.map((t) => t.shape)).toEqual([[2, 4], [2, 4], [2, 4]]);
    expect(new Set([input.id, values.id, indices.id, ...parts.map((t) => t.id)]).size).toBe(6);
  });

  it('boxes numbers an operator returns, so a bare number is always a tensor', () => {
    expect(addon.call(op('size', 'int'), [x().id, 1])).toEqual([{ scalar: 3 }]);
  });

  it('hands tensors out as objects once the records are full (thousands in one call)', () => {
    const rows = keep(addon.fromArray(new Float32Array(6000), [3000, 2], 'float32'));
    const [parts] = addon.call(op('unbind', 'int'), [rows.id, 0]) as NativeTensor[][];
    parts.forEach(keep);
    expect(parts).toHaveLength(3000);
    expect(parts.every((t) => t.shape.length === 1 && t.shape[0] === 2 && t.dtype === 'float32')).toBe(true);
    expect(new Set(parts.map((t) => t.id)).size).toBe(3000);
  });
});

describe('withTensorRecords', () => {
  const raw = (records: Float64Array, dense: () => unknown) => ({ tensorRecords: records, dense }) as unknown as RawTorchAddon;

  it('says so when a handle has no record, rather than giving it a wrong shape', () => {
    const addon = withTensorRecords(raw(new Float64Array(16), () => 7));
    expect(() => addon.dense(1, 2, null, 'relu')).toThrow('torch backend: tensor 7 has no record (the addon and its JavaScript side disagree)');
  });

  it('reads each call from the start of the records', () => {
    const records = new Float64Array(16);
    const addon = withTensorRecords(
      raw(records, () => {
        records.set([1 + 4, 9, 1, 1, 5], 0); // one record: id 9, int32, rank 1, size 5
        return 9;
      }),
    );
    expect(addon.dense(1, 2, null, 'relu')).toEqual({ id: 9, shape: [5], dtype: 'int32' });
    expect(addon.dense(1, 2, null, 'relu')).toEqual({ id: 9, shape: [5], dtype: 'int32' });
  });
});
