import * as path from 'path';
import { TableSchemaInput } from '../tabular/table-schema';
import { datasetPath } from './datasets-dir';
import { readDatasetFile, TabularDataset } from './tabular-dataset';

/** The 24 ultrasound range columns S1 … S24, clockwise from the front. */
export const ROBOT_SENSORS = Array.from({ length: 24 }, (_, i) => `S${i + 1}`);

/** 24 ranges → input `ranges` (standardised); OUTPUT → multiclass head `manoeuvre` (4 classes). */
export const ROBOT_SCHEMA: TableSchemaInput = {
  columns: {
    ...Object.fromEntries(ROBOT_SENSORS.map((name) => [name, { type: 'numeric', input: 'ranges' } as const])),
    OUTPUT: { type: 'label', task: 'multiclass', head: 'manoeuvre' },
  },
};

/** Wall-Following Robot Navigation, 24 sensors: 5456 rows (`wall-following-robot/sensor_readings_24.data`). */
export async function loadWallFollowingRobot(options: { dir?: string } = {}): Promise<TabularDataset> {
  return readDatasetFile('wall-following-robot', path.join(datasetPath('wall-following-robot', options.dir), 'sensor_readings_24.data'), ROBOT_SCHEMA);
}
