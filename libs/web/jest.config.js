module.exports = { ...require('../../jest.preset.js'), displayName: 'web', rootDir: __dirname, testMatch: ['<rootDir>/{src,client,browser}/**/*.spec.ts'] };
