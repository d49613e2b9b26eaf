import { ROUND_TRIP_TOLERANCE } from '../check/round-trip';
import { LayerTestCase, runLayerTest } from './layer-test';

/** Jest assertions over `runLayerTest`: what every custom layer must do (Keras' `run_layer_test`). */
export async function expectLayerBehaves(test: LayerTestCase): Promise<void> {
  const report = await runLayerTest(test);
  const expectedShapes = (Array.isArray(test.expectedOutputShape[0]) ? test.expectedOutputShape : [test.expectedOutputShape]) as (number | null)[][];
  expect(report.configRoundTrips).toBe(true);
  expect(report.outputShapes).toEqual(expectedShapes.map((shape) => [null, ...shape]));
  expect(report.outputDtypes).toEqual(expectedShapes.map(() => test.expectedOutputDtype ?? 'float32'));
  expect([report.trainableWeights, report.nonTrainableWeights]).toEqual([test.expectedTrainableWeights, test.expectedNonTrainableWeights ?? 0]);
  expect(report.unchangedWeights).toEqual([]);
  expect(report.leakedTensors).toBe(0);
  if (report.leakedNativeTensors !== undefined) expect(report.leakedNativeTensors).toBe(0);
  expect(report.weightsChanged).toEqual([]);
  expect(report.roundTripDiff).toBeLessThanOrEqual(ROUND_TRIP_TOLERANCE);
}
