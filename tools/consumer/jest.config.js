// Packs and installs the libraries, then runs node and tsc in the installed project: no backend in this process.
module.exports = { ...require('../../jest.preset.js'), displayName: 'consumer', rootDir: __dirname, setupFilesAfterEnv: [] };
