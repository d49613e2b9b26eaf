import { DataError } from '@mimo/data';

/** Where each field of a manifest row is: the columns found in its header. */
export interface ManifestColumns {
  /** Absent: frames are named by their line (`line 7`). */
  id?: number;
  /** Absent in a manifest for a LIDAR-only model. */
  camera?: number;
  label?: number;
  /** Inline range columns r1 … rN, in beam order; absent when the manifest uses a `ranges` file column. */
  ranges?: number[];
  /** Column holding a path to a file of ranges. */
  rangeFile?: number;
}

export const MANIFEST_FORMAT =
  'frame_id (optional), camera (an image path; optional for a LIDAR-only model), r1 … rN (metres) or ranges (a file of N ranges), label';

/**
 * Finds the manifest's columns in its header; a missing one is a DataError that lists what the format needs.
 * `camera` is required only when the model reads the camera (`needCamera`).
 */
export function readManifestHeader(file: string, header: readonly string[], needLabel: boolean, needCamera = true): ManifestColumns {
  const names = header.map((name) => name.trim());
  const find = (name: string): number | undefined => {
    const index = names.indexOf(name);
    return index === -1 ? undefined : index;
  };
  const require = (name: string): number => {
    const index = find(name);
    if (index === undefined) throw new DataError({ file, line: 1 }, `expected a column "${name}" (the format: ${MANIFEST_FORMAT}), received the columns ${names.join(', ')}`);
    return index;
  };
  const requireCamera = (): number => {
    const index = find('camera');
    if (index === undefined) throw new DataError({ file, line: 1 }, 'expected a column "camera" (image paths, relative to the manifest) for a model that reads the camera; to train on the ranges alone, give --inputs lidar');
    return index;
  };
  const rangeColumns = names
    .map((name, index) => ({ beam: /^r(\d+)$/.exec(name)?.[1], index }))
    .filter((c): c is { beam: string; index: number } => c.beam !== undefined)
    .sort((a, b) => Number(a.beam) - Number(b.beam));
  const rangeFile = find('ranges');
  if (rangeColumns.length === 0 && rangeFile === undefined) {
    throw new DataError({ file, line: 1 }, `expected range columns r1 … rN or a "ranges" file column (the format: ${MANIFEST_FORMAT}), received the columns ${names.join(', ')}`);
  }
  rangeColumns.forEach((c, i) => {
    if (Number(c.beam) !== i + 1) throw new DataError({ file, line: 1 }, `expected range columns r1 … r${rangeColumns.length} without gaps, received r${c.beam} where r${i + 1} belongs`);
  });
  return {
    id: find('frame_id'),
    camera: needCamera ? requireCamera() : find('camera'),
    label: needLabel ? require('label') : find('label'),
    ranges: rangeColumns.length > 0 ? rangeColumns.map((c) => c.index) : undefined,
    rangeFile: rangeColumns.length > 0 ? undefined : rangeFile,
  };
}
