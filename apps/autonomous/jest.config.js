module.exports = { ...require('../../jest.preset.js'), displayName: 'autonomous', rootDir: __dirname };
