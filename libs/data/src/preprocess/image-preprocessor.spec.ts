import * as path from 'path';
import { useTempDir, writeImage } from '../testing/fixtures';
import { ImageColumnSchema } from '../tabular/table-schema';
import { ImagePreprocessor } from './image-preprocessor';

const dir = useTempDir();

describe('ImagePreprocessor', () => {
  it('takes the size from the first training image and standardises with training statistics', async () => {
    const black = await writeImage(path.join(dir(), 'black.png'), { width: 3, height: 2, rgb: [0, 0, 0] });
    const white = await writeImage(path.join(dir(), 'white.png'), { width: 3, height: 2 });
    const p = new ImagePreprocessor('xray', 'file', ImageColumnSchema.parse({ type: 'image', normalize: 'standard' }));
    await p.fit([{ file: black }, { file: white }]);
    expect(p.toJSON()).toEqual({ height: 2, width: 3, mean: [0.5], std: [0.5] });
    expect(p.inputSpec()).toEqual({ kind: 'image', height: 2, width: 3, channels: 1 });
    const out = await p.transform([{ file: white }]);
    expect(out.shape).toEqual([1, 2, 3, 1]);
    expect(Array.from(out.dataSync())).toEqual(new Array(6).fill(1));
  });

  it('serves with the saved size and rejects an image of another size', async () => {
    const small = await writeImage(path.join(dir(), 'small.png'), { width: 3, height: 2 });
    const big = await writeImage(path.join(dir(), 'big.png'), { width: 4, height: 4 });
    const p = new ImagePreprocessor('xray', 'file', ImageColumnSchema.parse({ type: 'image', channels: 3 })).restore({ height: 2, width: 3 });
    expect((await p.transform([{ file: small }])).shape).toEqual([1, 2, 3, 3]);
    await expect(p.transform([{ file: big }])).rejects.toThrow(`${big}: expected a 3×2 image (width × height), received 4×4 (set fit to resize it)`);
    await expect(p.transform([{ file: null }])).rejects.toThrow('row 1: column "file": expected an image path, received a missing value');
  });
});
