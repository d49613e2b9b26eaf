import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { nlpAbout } from './about';
import { nlpSpec } from './model';
import { nlpPlugin } from './plugin';
import { nlpTrainCommand } from './train-command';

export { createNlpPlugin, nlpPlugin } from './plugin';
export { TEXT_ENCODERS } from './model';

export const nlpApp: AppDefinition = {
  ...nlpAbout,
  spec: nlpSpec,
  commands: { ...createAppCommands(nlpPlugin), train: nlpTrainCommand },
};
