import { RecordField } from '@mimo/data';
import { parseSensorPreprocessing } from '../data/sensor-preprocessing';

/** An autonomous bundle's record fields: a camera image and / or a LIDAR scan (a record needs at least one). */
export function sensorRecordFields(preprocessing: unknown): RecordField[] {
  const { imageSize, beams, maxRange } = parseSensorPreprocessing(preprocessing);
  return [
    {
      name: 'camera',
      kind: 'image',
      required: false,
      example: 'images/frame.png',
      note: `read as ${imageSize}×${imageSize} RGB; a path for predict (relative to the input file), base64 over HTTP; left out: zeros (a record needs camera or ranges)`,
    },
    {
      name: 'ranges',
      kind: 'number list',
      required: false,
      example: Array.from({ length: beams }, () => maxRange / 2),
      note: `${beams} ranges in metres clockwise from straight ahead (also as fields r1 … r${beams}, or a file of ranges); clipped to ${maxRange}; left out: zeros`,
    },
  ];
}
