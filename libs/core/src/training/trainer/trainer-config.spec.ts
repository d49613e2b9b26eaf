import { parseTrainerConfig, TrainerConfigSchema, trainerConfigJsonSchema } from './trainer-config';

describe('trainer config', () => {
  it('fills every default', () => {
    expect(parseTrainerConfig({})).toEqual({ epochs: 1, batchSize: 32, shuffle: true, validationSplit: 0, metrics: {}, classWeights: {}, callbacks: [] });
    expect(parseTrainerConfig({ metrics: { flag: ['auc'] }, callbacks: [{ type: 'early-stopping' }] })).toMatchObject({
      metrics: { flag: [{ type: 'auc' }] },
      callbacks: [{ type: 'early-stopping', monitor: 'val_loss', mode: 'auto', minDelta: 0, patience: 0, restoreBestWeights: false, startFromEpoch: 0 }],
    });
  });

  it('names every problem by its path', () => {
    expect(() => parseTrainerConfig({ batchSize: 0, callbacks: [{ type: 'csv-logger' } as never], optimizer: { type: 'sgd', momentum: 2 } })).toThrow(
      'Invalid trainer config:\n  - batchSize: Too small: expected number to be >0.\n  - optimizer.momentum: Too big: expected number to be <1.\n  - callbacks[0].path: Invalid input: expected string, received undefined.',
    );
  });

  it('describes every field of every object, in the generated JSON Schema too', () => {
    const undescribed: string[] = [];
    let fields = 0;
    const walk = (node: unknown, where: string): void => {
      if (typeof node !== 'object' || node === null) return;
      const object = node as Record<string, unknown>;
      if (object.properties) {
        for (const [key, child] of Object.entries(object.properties as Record<string, Record<string, unknown>>)) {
          fields += 1;
          if (!child.description) undescribed.push(`${where}.${key}`);
        }
      }
      for (const [key, child] of Object.entries(object)) walk(child, `${where}.${key}`);
    };
    walk(trainerConfigJsonSchema(), '');
    expect(undescribed).toEqual([]);
    expect(fields).toBeGreaterThan(60);
    expect(TrainerConfigSchema.description).toMatch(/^How a Trainer trains a spec/);
  });
});
