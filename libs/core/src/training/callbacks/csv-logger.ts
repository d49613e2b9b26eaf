import { promises as fs } from 'fs';
import * as path from 'path';
import { z } from 'zod';
import { Logs } from '../metrics/head-metrics';
import { TrainerCallback, TrainingContext } from './trainer-callback';

export const CsvLoggerConfigSchema = z
  .object({
    type: z.literal('csv-logger').describe('Append each epoch’s logs to a CSV file.'),
    path: z.string().min(1).describe('The CSV file.'),
    separator: z.string().length(1).default(',').describe('Field separator. Defaults to ",".'),
    append: z.boolean().default(false).describe('Keep an existing file and add rows to it. Defaults to false (start afresh).'),
  })
  .describe('CSVLogger: one row per epoch, `epoch` then the logged values in name order.');

export type CsvLoggerConfig = z.infer<typeof CsvLoggerConfigSchema>;

/**
 * One row per epoch (epochs from 0, as Keras writes them). A resumed run keeps the rows of the epochs before
 * its checkpoint and drops the rest, so the file never lists an epoch twice.
 */
export class CsvLogger implements TrainerCallback {
  readonly rankZeroOnly = true;
  private columns: string[] | undefined;

  constructor(private readonly config: CsvLoggerConfig) {}

  private async readRows(): Promise<string[]> {
    const text = await fs.readFile(this.config.path, 'utf8').catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return '';
      throw error;
    });
    return text.split('\n').filter((line) => line.length > 0);
  }

  async onTrainBegin(ctx: TrainingContext): Promise<void> {
    await fs.mkdir(path.dirname(path.resolve(this.config.path)), { recursive: true });
    this.columns = undefined;
    const keep = this.config.append || ctx.initialEpoch > 0;
    const [header, ...rows] = keep ? await this.readRows() : [];
    if (header === undefined) {
      await fs.writeFile(this.config.path, '');
      return;
    }
    this.columns = header.split(this.config.separator);
    const kept = ctx.initialEpoch > 0 ? rows.filter((row) => Number(row.split(this.config.separator)[0]) < ctx.initialEpoch) : rows;
    await fs.writeFile(this.config.path, [header, ...kept].map((line) => `${line}\n`).join(''));
  }

  async onEpochEnd(epoch: number, logs: Logs): Promise<void> {
    let prefix = '';
    if (!this.columns) {
      this.columns = ['epoch', ...Object.keys(logs).sort()];
      prefix = `${this.columns.join(this.config.separator)}\n`;
    }
    const row = this.columns.map((column) => (column === 'epoch' ? String(epoch) : column in logs ? String(logs[column]) : ''));
    await fs.appendFile(this.config.path, `${prefix}${row.join(this.config.separator)}\n`);
  }
}
