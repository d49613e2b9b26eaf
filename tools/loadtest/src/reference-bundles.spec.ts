import { predictBody } from './reference-bundles';

describe('predictBody', () => {
  it('makes row-format instances of the model’s input shapes', () => {
    const body = JSON.parse(predictBody('healthcare_labs_image', 2)) as { instances: { labs: number[]; xray: number[][][] }[] };
    expect(body.instances).toHaveLength(2);
    expect(body.instances[0].labs).toHaveLength(5);
    expect([body.instances[0].xray.length, body.instances[0].xray[0].length, body.instances[0].xray[0][0].length]).toEqual([28, 28, 1]);
  });
});
