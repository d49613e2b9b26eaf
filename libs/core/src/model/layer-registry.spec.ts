import type * as TF from '@tensorflow/tfjs';
import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';

type Core = typeof import('../index');
type ClassNameMap = Record<string, [unknown, unknown]>;

/** A fresh tfjs and @mimo/core, as in a process that has just imported them. */
async function freshImports<T>(body: (tf: typeof TF, classes: () => ClassNameMap, loadCore: () => Core) => Promise<T>): Promise<T> {
  let result: T | undefined;
  await jest.isolateModulesAsync(async () => {
    const tf = require('@tensorflow/tfjs') as typeof TF;
    result = await body(tf, () => ({ ...tf.serialization.SerializationMap.getMap().classNameMap }) as ClassNameMap, () => require('../index') as Core);
  });
  return result as T;
}

describe('layer registry', () => {
  it('importing @mimo/core changes nothing in tfjs: no class registered or replaced, tf.losses and console.warn left alone', async () => {
    await freshImports(async (tf, classes, loadCore) => {
      const before = classes();
      const warn = console.warn;
      const stockLosses = { ...tf.losses };
      loadCore();
      expect({ ...tf.losses }).toEqual(stockLosses);
      const after = classes();
      expect(Object.keys(after)).toEqual(Object.keys(before));
      for (const name of Object.keys(before)) expect(after[name][0]).toBe(before[name][0]);
      expect(console.warn).toBe(warn);
      expect(tf.serialization.SerializationMap.getMap().classNameMap.Dense[0]).toBe(before.Dense[0]);
    });
  });

  it("registerMimoLayers adds Mimo's classNames only; installFusedLayers also points Dense, LSTM, GRU and Dropout at the fused subclasses", async () => {
    await freshImports(async (_tf, classes, loadCore) => {
      const core = loadCore();
      const stock = classes();
      core.registerMimoLayers();
      const registered = classes();
      const added = Object.keys(registered).filter((name) => !(name in stock));
      expect(added.sort()).toEqual(['MimoAttentionPooling', 'MimoDotProductAttention', 'MimoMaskAny', 'MimoMaskedGlobalAveragePooling1D', 'MimoMultiHeadAttention', 'MimoPositionEmbedding', 'MimoSequenceMask', 'MimoWeightedSum']);
      for (const name of Object.keys(stock)) expect(registered[name][0]).toBe(stock[name][0]);

      core.installFusedLayers();
      const installed = classes();
      expect(installed.Dense[0]).toBe(core.FusedDense);
      expect(installed.LSTM[0]).toBe(core.FusedLSTM);
      expect(installed.GRU[0]).toBe(core.FusedGRU);
      expect(installed.Dropout[0]).toBe(core.FusedDropout);
      const changed = Object.keys(stock).filter((name) => installed[name][0] !== stock[name][0]);
      expect(changed.sort()).toEqual(['Dense', 'Dropout', 'GRU', 'LSTM']);
    });
  });

  it('loadBundle reads a model with Mimo layers without any call first: stock Dense / LSTM, fused after installFusedLayers', async () => {
    const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-registry-'));
    try {
      const layerClasses = await freshImports(async (_tf, _classes, loadCore) => {
        const core = loadCore();
        // Text (Embedding → LSTM) + image (CNN) → cross-attention (MultiHeadAttention) → Dense head.
        const spec = core.parseModelSpec(core.referenceSpec('text_image_attention'));
        const model = core.buildModel(spec);
        await core.saveBundle(path.join(dir, 'plain'), { model, spec });
        model.dispose();
        const plain = await core.loadBundle(path.join(dir, 'plain'));
        const plainClasses = plain.model.layers.map((layer) => layer.constructor);
        plain.model.dispose();
        core.installFusedLayers();
        const fused = await core.loadBundle(path.join(dir, 'plain'));
        const fusedClasses = fused.model.layers.map((layer) => layer.constructor);
        fused.model.dispose();
        return { plainClasses, fusedClasses, FusedDense: core.FusedDense, FusedLSTM: core.FusedLSTM, MultiHeadAttention: core.MultiHeadAttention };
      });
      expect(layerClasses.plainClasses).toContain(layerClasses.MultiHeadAttention);
      expect(layerClasses.plainClasses).not.toContain(layerClasses.FusedDense);
      expect(layerClasses.plainClasses).not.toContain(layerClasses.FusedLSTM);
      expect(layerClasses.fusedClasses).toContain(layerClasses.FusedDense);
      expect(layerClasses.fusedClasses).toContain(layerClasses.FusedLSTM);
    } finally {
      await fs.rm(dir, { recursive: true, force: true });
    }
  });
});
