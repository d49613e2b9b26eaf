import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { financeAbout } from './about';
import { financeSpec } from './model';
import { createFinancePlugin, financePlugin } from './plugin';
import { financeTrainCommand } from './train-command';
import { stockNetCommand } from './experiments/stocknet-command';

export { createFinancePlugin, financePlugin } from './plugin';

export const financeApp: AppDefinition = {
  ...financeAbout,
  spec: financeSpec,
  commands: { ...createAppCommands(financePlugin), train: financeTrainCommand(createFinancePlugin), stocknet: stockNetCommand },
};
