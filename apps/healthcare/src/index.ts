import { createAppCommands } from '@mimo/app-kit';
import { AppDefinition } from '@mimo/core';
import { healthcareSpec } from './model';
import { healthcarePlugin } from './plugin';

export { healthcarePlugin } from './plugin';
export { generateCohort } from './cohort/generate-cohort';

export const healthcareApp: AppDefinition = {
  name: 'healthcare',
  summary: 'Lab values + chest X-ray → outcome (+ severity)',
  spec: healthcareSpec,
  commands: createAppCommands(healthcarePlugin),
};
