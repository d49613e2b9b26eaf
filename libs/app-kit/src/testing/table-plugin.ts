import { SeededRandom } from '@mimo/core';
import { randomSplit, Row, TableSchemaInput } from '@mimo/data';
import { prepareTable } from '../data/prepare-table';
import { AppPlugin, preparedInput } from '../plugin';

/** A table whose label needs both inputs: `y = [a + b > 0]`, `a` numeric, `b` from a category. */
export function syntheticRows(n: number, seed: number): Row[] {
  const rng = new SeededRandom(seed);
  return Array.from({ length: n }, () => {
    const a = rng.normal();
    const ward = rng.next() < 0.5 ? 'A' : 'B';
    return { a, noise: rng.normal(), ward, y: a + (ward === 'A' ? 0.8 : -0.8) > 0 ? 'yes' : 'no' };
  });
}

const schema: TableSchemaInput = {
  columns: {
    a: { type: 'numeric', input: 'num' },
    noise: { type: 'numeric', input: 'num' },
    ward: { type: 'categorical' },
    y: { type: 'label', task: 'binary', positive: 'yes' },
  },
};

/** A small, complete AppPlugin over in-memory rows: what the kit's own tests train, evaluate and predict with. */
export function tablePlugin(): AppPlugin {
  return {
    name: 'toy',
    async prepare({ seed, preprocessing, tiny }) {
      const rows = syntheticRows(tiny ? 200 : 1000, 7);
      const prepared = await prepareTable(rows, schema, randomSplit(rows.length, { seed }), preprocessing);
      return { ...prepared, card: { name: 'toy table', source: 'syntheticRows(n, 7)', real: [], simulated: ['every column'] } };
    },
    createSpec: ({ data, fusion }) => {
      return {
        name: 'toy',
        inputs: {
          num: { ...preparedInput(data, 'num', 'numeric'), encoder: { type: 'dense', units: [8] } },
          ward: { ...preparedInput(data, 'ward', 'categorical'), encoder: { type: 'embedding', embeddingDim: 2 } },
        },
        fusion: fusion === 'gated' ? { type: 'gated', units: [8] } : { type: 'concat' },
        heads: { y: { type: 'binary' } },
        optimizer: { type: 'adam', learningRate: 0.03 },
      };
    },
  };
}
