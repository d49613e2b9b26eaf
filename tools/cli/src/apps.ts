import { autonomousAbout } from '@mimo/autonomous/about';
import type { AppDefinition } from '@mimo/core';
import { financeAbout } from '@mimo/finance/about';
import { healthcareAbout } from '@mimo/healthcare/about';
import { nlpAbout } from '@mimo/nlp/about';

/** The apps as `mimo --help` lists them; an app's code (and tfjs with it) loads only when its command runs. */
export const apps = {
  healthcare: { ...healthcareAbout, load: async (): Promise<AppDefinition> => (await import('@mimo/healthcare')).healthcareApp },
  nlp: { ...nlpAbout, load: async (): Promise<AppDefinition> => (await import('@mimo/nlp')).nlpApp },
  finance: { ...financeAbout, load: async (): Promise<AppDefinition> => (await import('@mimo/finance')).financeApp },
  autonomous: { ...autonomousAbout, load: async (): Promise<AppDefinition> => (await import('@mimo/autonomous')).autonomousApp },
};

export type AppName = keyof typeof apps;

export function isAppName(name: string): name is AppName {
  return Object.hasOwn(apps, name);
}

/** The apps' plug-ins: `mimo serve` and `mimo bench` decode each bundle's raw records with the plug-in its card names. */
export async function loadAppPlugins() {
  const [healthcare, nlp, finance, autonomous] = await Promise.all([import('@mimo/healthcare'), import('@mimo/nlp'), import('@mimo/finance'), import('@mimo/autonomous')]);
  return [healthcare.healthcarePlugin, nlp.nlpPlugin, finance.financePlugin, autonomous.autonomousPlugin];
}
