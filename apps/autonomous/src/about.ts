// What `mimo --help` says about the app: a module of its own, so the CLI lists the apps without loading them.
export const autonomousAbout = {
  name: 'autonomous',
  summary: 'Camera image + LIDAR ranges → manoeuvre class',
};
