import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { nlpSpec } from './model';
import { nlpPlugin } from './plugin';
import { nlpTrainCommand } from './train-command';

export { createNlpPlugin, nlpPlugin } from './plugin';
export { TEXT_ENCODERS } from './model';

export const nlpApp: AppDefinition = {
  name: 'nlp',
  summary: 'Text + context features → label (+ auxiliary heads): SpamAssassin, UCI sentiment, your CSV / JSONL',
  spec: nlpSpec,
  commands: { ...createAppCommands(nlpPlugin), train: nlpTrainCommand },
};
