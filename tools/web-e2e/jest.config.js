// Starts `mimo serve` and Debian's Chromium in child processes: no backend in this process.
module.exports = { ...require('../../jest.preset.js'), displayName: 'web-e2e', rootDir: __dirname, setupFilesAfterEnv: [], testTimeout: 300000 };
