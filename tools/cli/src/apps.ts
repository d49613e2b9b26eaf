import { autonomousApp, autonomousPlugin } from '@mimo/autonomous';
import { AppDefinition } from '@mimo/core';
import { financeApp, financePlugin } from '@mimo/finance';
import { healthcareApp, healthcarePlugin } from '@mimo/healthcare';
import { nlpApp, nlpPlugin } from '@mimo/nlp';

export const apps: Record<string, AppDefinition> = {
  healthcare: healthcareApp,
  nlp: nlpApp,
  finance: financeApp,
  autonomous: autonomousApp,
};

/** The apps' plug-ins: `mimo serve` decodes each bundle's raw records with the plug-in its card names. */
export const appPlugins = [healthcarePlugin, nlpPlugin, financePlugin, autonomousPlugin];
