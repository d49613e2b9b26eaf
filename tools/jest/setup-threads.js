// One libtorch thread per test process (and the CLI processes tests spawn) unless MIMO_THREADS says otherwise.
// nx runs several projects' jest at once and jest.preset.js gives them one worker process per core between
// them; a libtorch left to itself would start an OpenMP thread per core in each, and 2 OpenMP threads on a
// busy core run 10–30× slower (a 12 s suite took 50 s beside another project's).
process.env.MIMO_THREADS ??= '1';
