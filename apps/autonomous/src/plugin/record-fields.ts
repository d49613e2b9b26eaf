import { RecordField } from '@mimo/data';
import { parseSensorPreprocessing } from '../data/sensor-preprocessing';

/**
 * An autonomous bundle's record fields, for the sensors its model reads: a camera image and / or a range scan.
 * With both, either may be left out (it is fed as zeros) but not both; with one, it is required.
 */
export function sensorRecordFields(preprocessing: unknown, inputs: readonly string[]): RecordField[] {
  const { imageSize, beams, maxRange } = parseSensorPreprocessing(preprocessing);
  const sensors: (RecordField & { input: string })[] = [
    {
      input: 'camera',
      name: 'camera',
      kind: 'image',
      required: true,
      example: 'images/frame.png',
      note: `read as ${imageSize}×${imageSize} RGB; a path for predict (relative to the input file), base64 over HTTP`,
    },
    {
      input: 'lidar',
      name: 'ranges',
      kind: 'number list',
      required: true,
      example: Array.from({ length: beams }, () => maxRange / 2),
      note: `${beams} ranges in metres clockwise from straight ahead (also as fields r1 … r${beams}, or a file of ranges)`,
    },
  ];
  const read = sensors.filter((sensor) => inputs.includes(sensor.input)).map(({ input: _input, ...field }) => field);
  if (read.length < 2) return read;
  return read.map((field) => ({ ...field, required: false, note: `${field.note}; left out: zeros (a record needs camera or ranges)` }));
}
