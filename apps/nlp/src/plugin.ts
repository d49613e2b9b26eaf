import { AppPlugin, PreparedData } from '@mimo/app-kit';
import { ModelSpec } from '@mimo/core';
import { NlpDataOptions, prepareNlp } from './data/prepare-nlp';
import { createNlpSpec, TEXT_ENCODERS, TextEncoderChoice } from './model';
import { writeNlpReport } from './report/write-report';
import { loadPretrainedEncoder } from './transfer/pretrained-encoder';

/** What one `mimo nlp train` run adds to the plugin: its columns, transfer, and taps for the baseline. */
export interface NlpRunOptions extends NlpDataOptions {
  /** `--pretrained DIR`: a bundle whose text encoder weights initialise this model. */
  pretrained?: string;
  /** Sees the prepared splits before the kit trains on (and then disposes) them. */
  onPrepared?(data: PreparedData): void;
  /** Sees the spec the model was built from, and the layers copied from `pretrained`. */
  onBuilt?(spec: ModelSpec, transferred: string[]): void;
}

/** The NLP app's plug-in to the app kit, for one run's options (evaluate / predict / report need none). */
export function createNlpPlugin(run: NlpRunOptions = {}): AppPlugin {
  const plugin: AppPlugin = {
    name: 'nlp',
    encoders: TEXT_ENCODERS,
    prepare: async (options) => {
      const data = await prepareNlp(options, run);
      run.onPrepared?.(data);
      return data;
    },
    createSpec: (options) => createNlpSpec(options, (options.encoder ?? TEXT_ENCODERS[0]) as TextEncoderChoice),
    afterBuild: async ({ model, spec, log }) => {
      const transferred = run.pretrained ? await loadPretrainedEncoder(run.pretrained, model) : [];
      if (run.pretrained) log(`transfer: text encoder layers ${transferred.join(', ')} initialised from ${run.pretrained}`);
      run.onBuilt?.(spec, transferred);
    },
    report: async (options) => {
      process.stdout.write(`${await writeNlpReport(plugin, options)}\n`);
      return 0;
    },
  };
  return plugin;
}

export const nlpPlugin = createNlpPlugin();
