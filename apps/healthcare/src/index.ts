import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { healthcareAbout } from './about';
import { healthcareSpec } from './model';
import { healthcarePlugin } from './plugin';

export { healthcarePlugin } from './plugin';
export { generateCohort } from './cohort/generate-cohort';

export const healthcareApp: AppDefinition = {
  ...healthcareAbout,
  spec: healthcareSpec,
  commands: createAppCommands(healthcarePlugin),
};
