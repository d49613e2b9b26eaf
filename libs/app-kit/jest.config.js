module.exports = { ...require('../../jest.preset.js'), displayName: 'app-kit', rootDir: __dirname };
