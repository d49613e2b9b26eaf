module.exports = { ...require('../../jest.preset.js'), displayName: 'nlp', rootDir: __dirname };
