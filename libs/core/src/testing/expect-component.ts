import { ModelSpecInput } from '../spec/model-spec';
import { ROUND_TRIP_TOLERANCE } from '../check/round-trip';
import { runComponentChecks } from './component-harness';

/** Jest assertions over `runComponentChecks`, shared by the encoder, fusion and head suites. */
export async function expectComponentBehaves(spec: ModelSpecInput): Promise<void> {
  const report = await runComponentChecks(spec);
  expect(report.outputShapes).toEqual(report.expectedOutputShapes);
  expect(report.trainableWeights).toBeGreaterThan(0);
  expect(report.unchangedWeights).toEqual([]);
  expect(report.weightsChanged).toEqual([]);
  expect(report.roundTripDiff).toBeLessThanOrEqual(ROUND_TRIP_TOLERANCE);
  expect(report.leakedTensors).toBe(0);
  expect(report.specRoundTrips).toBe(true);
}
