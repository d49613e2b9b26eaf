module.exports = { ...require('../../jest.preset.js'), displayName: 'healthcare', rootDir: __dirname };
