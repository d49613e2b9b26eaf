import { AppDefinition, pendingCommands } from '@mimo/core';
import { nlpSpec } from './model';

export const nlpApp: AppDefinition = {
  name: 'nlp',
  summary: 'Text + user / context features → sentiment',
  spec: nlpSpec,
  commands: pendingCommands('nlp', 'NLP and finance apps'),
};
