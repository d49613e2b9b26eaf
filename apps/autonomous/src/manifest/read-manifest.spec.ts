import { promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { generateFrames } from '../scene/generate-scenes';
import { MANOEUVRES } from '../scene/planner';
import { readManifest } from './read-manifest';
import { writeManifest } from './write-manifest';

let dir: string;
let manifest: string;
const frames = generateFrames({ count: 3, seed: 5 });

beforeAll(async () => {
  dir = await fs.mkdtemp(path.join(os.tmpdir(), 'mimo-manifest-'));
  manifest = await writeManifest(dir, frames);
});
afterAll(() => fs.rm(dir, { recursive: true, force: true }));

async function withManifest(text: string): Promise<string> {
  const file = path.join(dir, `m${Math.random().toString(36).slice(2)}.csv`);
  await fs.writeFile(file, text);
  return file;
}
const header = ['frame_id', 'camera', ...Array.from({ length: 24 }, (_, i) => `r${i + 1}`), 'label'].join(',');
const row = (over: { id?: string; camera?: string; ranges?: string[]; label?: string } = {}): string =>
  [over.id ?? 'f1', over.camera ?? 'images/scene_00000.png', ...(over.ranges ?? Array.from({ length: 24 }, () => '5')), over.label ?? 'forward'].join(',');

describe('readManifest', () => {
  it('reads what writeManifest wrote: ids, absolute image paths, ranges, labels', async () => {
    const read = await readManifest(manifest, { classes: MANOEUVRES });
    expect(read.map((f) => f.id)).toEqual(frames.map((f) => f.id));
    expect(read.map((f) => f.ranges)).toEqual(frames.map((f) => f.ranges));
    expect(read.map((f) => f.label)).toEqual(frames.map((f) => f.label));
    expect(read[0].cameraPath).toBe(path.join(dir, 'images/scene_00000.png'));
    expect(read[1].location).toEqual({ file: manifest, line: 3 });
  });

  it('reads ranges from a file named in a "ranges" column, and rows without labels for prediction', async () => {
    await fs.writeFile(path.join(dir, 'scan.txt'), Array.from({ length: 24 }, (_, i) => i).join(' '));
    const file = await withManifest('frame_id,camera,ranges\nf9,images/scene_00001.png,scan.txt\n');
    const [frame] = await readManifest(file, { labels: false });
    expect(frame.ranges).toEqual(Array.from({ length: 24 }, (_, i) => i));
    expect(frame.label).toBeUndefined();
  });

  it.each([
    ['a missing column', 'frame_id,camera,label\nf1,a.png,forward\n', /:1: expected range columns r1 … rN or a "ranges" file column .*received the columns frame_id, camera, label/],
    ['no label column', `${header.replace(',label', '')}\n`, /:1: expected a column "label"/],
    ['a row with too few columns', `${header}\nf1,images/scene_00000.png,1,2\n`, /:2: expected 27 columns, received 4/],
    ['a range that is not a number', `${header}\n${row({ ranges: ['5', 'far', ...Array.from({ length: 22 }, () => '5')] })}\n`, /:2: column "r2": expected a range in metres \(a finite number ≥ 0\), received "far"/],
    ['a negative range', `${header}\n${row({ ranges: ['-1', ...Array.from({ length: 23 }, () => '5')] })}\n`, /:2: column "r1": expected a range in metres/],
    ['a missing image', `${header}\n${row()}\n${row({ camera: 'images/nope.png' })}\n`, /:3: column "camera": expected a camera image file, received a path that does not exist \(.*images\/nope.png\)/],
    ['an unknown label', `${header}\n${row({ label: 'fly' })}\n`, /:2: column "label": expected one of forward, slight_left, .*, received "fly"/],
    ['an empty id', `${header}\n${row({ id: '' })}\n`, /:2: column "frame_id": expected a frame id/],
    ['a missing range file', 'frame_id,camera,ranges,label\nf1,images/scene_00000.png,none.txt,stop\n', /:2: column "ranges": expected a file of ranges, received a path that does not exist/],
    ['a range file of another length than the first row\'s', 'frame_id,camera,ranges,label\nf0,images/scene_00000.png,long.txt,stop\nf1,images/scene_00000.png,short.txt,stop\n', /:3: column "ranges": expected 3 ranges, received 2/],
    ['only a header', `${header}\n`, /expected at least one data row, received only the header/],
  ])('names the line and column of %s', async (_, text, message) => {
    await fs.writeFile(path.join(dir, 'short.txt'), '1,2');
    await fs.writeFile(path.join(dir, 'long.txt'), '1,2,3');
    const file = await withManifest(text);
    await expect(readManifest(file, { classes: MANOEUVRES })).rejects.toThrow(message);
  });

  it('says when the manifest itself does not exist', async () => {
    await expect(readManifest(path.join(dir, 'absent.csv'))).rejects.toThrow(/absent.csv: the file does not exist/);
  });
});
