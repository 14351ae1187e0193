/**
 * Tests run with ts-jest; browser tests live in test/browser and need Chromium (see .ci/run).
 * test/README.md maps each feature to its tests and says which tier runs what.
 */
// The emulator makes many short-lived objects (a fresh vm context for every execution, copies
// of cells): in V8's default young generation (semi-spaces of at most 16 MB) they survive into
// the old one and cost full collections, which took a fifth of the suite's time. With 64 MB the
// fast tier went from 75 to 66 s on two cores (128 MB gave nothing more). Jest's workers are
// started with this environment.
if (!/--max-semi-space-size/.test(process.env.NODE_OPTIONS ?? ''))
  process.env.NODE_OPTIONS = [process.env.NODE_OPTIONS, '--max-semi-space-size=64']
    .filter(Boolean)
    .join(' ');

module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test', '<rootDir>/emulator/test'],
  testMatch: ['**/*.test.ts'],
  transform: {
    '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }],
  },
  // Integration tests run dist/: build it again when src/ is newer, so no run is silently stale.
  globalSetup: '<rootDir>/test/support/globalSetup.cjs',
  // The fast tier (FC_NUM_RUNS=n): every fast-check property capped at n runs.
  moduleNameMapper: process.env.FC_NUM_RUNS
    ? { '^fast-check$': '<rootDir>/test/support/fastCheckRuns.cjs' }
    : {},
  // Jest's default is one worker less than the cores: on CI's two cores, one. The tests are
  // CPU-bound and independent (each makes its own emulator), so use every core.
  maxWorkers: '100%',
  // A worker grows past 3 GB over the suite (each file's emulators and vm contexts), and its
  // garbage collection then slows every later file: one that passes 1 GB after a file is
  // replaced by a fresh one.
  workerIdleMemoryLimit: '1GB',
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/scripts/summary-reporter.cjs'],
};
