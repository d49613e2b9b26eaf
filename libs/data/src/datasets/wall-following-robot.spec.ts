import { TablePreprocessor } from '../preprocess/table-preprocessor';
import { describeDataset } from '../testing/dataset-suite';
import { loadWallFollowingRobot } from './wall-following-robot';

describeDataset('Wall-following robot', 'wall-following-robot', (dir) => {
  it('has 5456 rows of 24 ranges in 4 manoeuvre classes', async () => {
    const robot = await loadWallFollowingRobot({ dir });
    expect(robot.data).toHaveLength(5456);
    const counts: Record<string, number> = {};
    for (const row of robot.data) counts[String(row.OUTPUT)] = (counts[String(row.OUTPUT)] ?? 0) + 1;
    expect(counts).toEqual({ 'Move-Forward': 2205, 'Sharp-Right-Turn': 2097, 'Slight-Right-Turn': 826, 'Slight-Left-Turn': 328 });
    const preprocessor = await TablePreprocessor.create(robot.schema).fit(robot.data);
    expect(preprocessor.inputSpecs()).toEqual({ ranges: { kind: 'numeric', size: 24 } });
    expect(preprocessor.headShapes()).toEqual({ manoeuvre: { type: 'multiclass', classes: 4 } });
    const { ys } = await preprocessor.transform(robot.data.slice(0, 3));
    expect(ys.manoeuvre.arraySync()).toEqual([[0, 0, 0, 1], [0, 0, 0, 1], [0, 0, 0, 1]]); // Slight-Right-Turn is the 4th sorted class
  });
});
