// What `mimo --help` says about the app: a module of its own, so the CLI lists the apps without loading them.
export const healthcareAbout = {
  name: 'healthcare',
  summary: 'Lab values + chest X-ray → outcome (+ severity)',
};
