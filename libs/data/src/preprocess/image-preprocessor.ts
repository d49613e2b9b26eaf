import * as tf from '@tensorflow/tfjs';
import { ImageInput } from '@mimo/core/internal';
import { z } from 'zod';
import { DataError } from '../errors/data-error';
import { decodeImage, imageSize } from '../images/decode-image';
import { decodeImages } from '../images/image-batches';
import { ChannelStatistics } from '../images/pixels';
import { requiredStrings, Row } from '../tabular/row';
import { ImageColumn } from '../tabular/table-schema';
import { InputPreprocessor } from './preprocessor';
import { RecordField } from './record-field';

const ImageStateSchema = z.object({
  height: z.number().int().positive().describe('Image height in pixels.'),
  width: z.number().int().positive().describe('Image width in pixels.'),
  mean: z.array(z.number()).optional().describe("'standard': per-channel mean of pixel / 255 over the training images."),
  std: z.array(z.number()).optional().describe("'standard': per-channel standard deviation of pixel / 255 over the training images."),
});
export type ImageState = z.infer<typeof ImageStateSchema>;

/** Training images are read this many at a time when fitting 'standard' normalisation. */
const FIT_BATCH = 64;

/**
 * An image path column → `[batch, height, width, channels] float32`. The size (unless configured) comes from
 * the first training image; 'standard' normalisation statistics from all training images, read in batches.
 */
export class ImagePreprocessor extends InputPreprocessor<ImageState> {
  constructor(
    name: string,
    readonly column: string,
    readonly config: ImageColumn,
  ) {
    super(name, ImageStateSchema);
  }

  private paths(rows: readonly Row[]): string[] {
    return requiredStrings(rows, this.column, 'an image path');
  }

  async fit(rows: readonly Row[]): Promise<void> {
    const files = this.paths(rows);
    if (files.length === 0) throw new DataError({ column: this.column }, 'expected at least one training image, received none');
    const first = this.config.height && this.config.width ? undefined : await imageSize(files[0]);
    const height = this.config.height ?? first?.height ?? 0;
    const width = this.config.width ?? first?.width ?? 0;
    if (this.config.normalize !== 'standard') {
      this.state = { height, width };
      return;
    }
    const statistics = new ChannelStatistics(this.config.channels);
    const options = { height, width, channels: this.config.channels, fit: this.config.fit };
    for (let start = 0; start < files.length; start += FIT_BATCH) {
      const pixels = await Promise.all(files.slice(start, start + FIT_BATCH).map((file) => decodeImage(file, options)));
      pixels.forEach((p) => statistics.add(p));
    }
    this.state = { height, width, ...statistics.result() };
  }

  async transform(rows: readonly Row[]): Promise<tf.Tensor4D> {
    const { height, width, mean, std } = this.state;
    return decodeImages(this.paths(rows), { height, width, channels: this.config.channels, fit: this.config.fit }, { mode: this.config.normalize, mean, std });
  }

  recordFields(): RecordField[] {
    const { height, width } = this.state;
    const colour = this.config.channels === 3 ? 'RGB' : 'grey';
    return [{ name: this.column, kind: 'image', required: true, example: 'images/example.png', note: `PNG / JPEG / WebP, read as ${width}×${height} ${colour} (fit: ${this.config.fit}); a path for predict (relative to the input file), base64 over HTTP` }];
  }

  inputSpec(): ImageInput {
    return { kind: 'image', height: this.state.height, width: this.state.width, channels: this.config.channels };
  }
}
