import { z } from 'zod';
import { ImageAugmentationConfigSchema, zoomBounds } from './image-augmentation-config';

describe('ImageAugmentationConfigSchema', () => {
  it('fills every default as off', () => {
    expect(ImageAugmentationConfigSchema.parse({})).toEqual({
      rotationRange: 0,
      widthShiftRange: 0,
      heightShiftRange: 0,
      shearRange: 0,
      zoomRange: 0,
      horizontalFlip: false,
      verticalFlip: false,
      fillMode: 'nearest',
      cval: 0,
      interpolation: 'bilinear',
    });
  });

  it('describes every field with its default', () => {
    for (const [key, field] of Object.entries(ImageAugmentationConfigSchema.shape)) {
      expect([key, field.description]).toEqual([key, expect.stringMatching(/Defaults to /)]);
    }
    expect(() => z.toJSONSchema(ImageAugmentationConfigSchema, { io: 'input', unrepresentable: 'any' })).not.toThrow();
  });

  it.each([
    [{ rotationRange: -1 }, 'rotationRange'],
    [{ zoomRange: 1 }, 'zoomRange'],
    [{ zoomRange: [1.2, 0.8] }, 'zoomRange'],
    [{ brightnessRange: [1.5, 0.5] }, 'brightnessRange'],
    [{ fillMode: 'mirror' }, 'fillMode'],
  ])('rejects %j, naming the field', (config, path) => {
    const result = ImageAugmentationConfigSchema.safeParse(config);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path[0]).toBe(path);
  });

  it('reads a zoom number z as [1 - z, 1 + z]', () => {
    expect(zoomBounds(0.25)).toEqual([0.75, 1.25]);
    expect(zoomBounds([0.9, 1.3])).toEqual([0.9, 1.3]);
  });
});
