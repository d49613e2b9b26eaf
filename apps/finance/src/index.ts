import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { financeSpec } from './model';
import { createFinancePlugin, financePlugin } from './plugin';
import { financeTrainCommand } from './train-command';

export { createFinancePlugin, financePlugin } from './plugin';

export const financeApp: AppDefinition = {
  name: 'finance',
  summary: 'Price / volume window + news sentiment → next-day return and direction',
  spec: financeSpec,
  commands: { ...createAppCommands(financePlugin), train: financeTrainCommand(createFinancePlugin) },
};
