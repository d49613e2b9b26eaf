import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { autonomousAbout } from './about';
import { autonomousSpec } from './model';
import { autonomousPlugin } from './plugin/autonomous-plugin';

export { autonomousPlugin } from './plugin/autonomous-plugin';
export { autonomousSpecFor, VARIANTS } from './model';
export type { Variant } from './model';

export const autonomousApp: AppDefinition = {
  ...autonomousAbout,
  spec: autonomousSpec,
  commands: createAppCommands(autonomousPlugin),
};
