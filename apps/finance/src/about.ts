// What `mimo --help` says about the app: a module of its own, so the CLI lists the apps without loading them.
export const financeAbout = {
  name: 'finance',
  summary: 'Price / volume window + news sentiment → next-day return and direction',
};
