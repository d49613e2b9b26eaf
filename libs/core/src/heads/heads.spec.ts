import { HeadType } from '.';
import { ModelSpecInput } from '../spec/model-spec';
import { expectComponentBehaves } from '../testing';

/** At least one case per registered head: the compiler fails when a head has none. */
const cases: { [K in HeadType]: ModelSpecInput['heads'][string] } = {
  binary: { type: 'binary', units: [4] },
  multiclass: { type: 'multiclass', classes: 3, lossWeight: 0.5 },
  multilabel: { type: 'multilabel', labels: 4, units: [4], dropout: 0.1 },
  regression: { type: 'regression', outputs: 2, lossWeight: 2 },
};

describe.each(Object.entries(cases))('head %s', (type, head) => {
  it('passes the component checks beside a second head', async () => {
    await expectComponentBehaves({
      name: 'head_case',
      inputs: { x: { kind: 'numeric', size: 4, encoder: { type: 'dense', units: [6] } } },
      heads: { [type]: head, other: { type: 'binary' } },
      seed: 3,
    });
  });
});
