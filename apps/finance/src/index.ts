import { AppDefinition, pendingCommands } from '@mimo/core';
import { financeSpec } from './model';

export const financeApp: AppDefinition = {
  name: 'finance',
  summary: 'Price / volume window + news sentiment → next-period return',
  spec: financeSpec,
  commands: pendingCommands('finance', 'NLP and finance apps'),
};
