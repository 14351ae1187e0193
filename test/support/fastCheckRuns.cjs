/**
 * The fast test tier (`npm run test:fast`): fast-check with every property's runs capped at
 * FC_NUM_RUNS. jest.config.cjs maps `fast-check` here only when FC_NUM_RUNS is set, so the full
 * suite (`npm test`, CI) runs each property exactly as its test file says. A cap rather than
 * fast-check's global numRuns because the tests pass their own numRuns, which wins over it.
 */
const path = require('node:path');

const real = require(path.join(__dirname, '../../node_modules/fast-check/lib/cjs/fast-check.js'));
const cap = Number(process.env.FC_NUM_RUNS);
if (!Number.isInteger(cap) || cap < 1)
  throw new Error(`FC_NUM_RUNS must be a whole number of runs, got "${process.env.FC_NUM_RUNS}"`);

function capped(params) {
  return { ...params, numRuns: Math.min(params?.numRuns ?? 100, cap) };
}

const fc = Object.assign({}, real, {
  assert: (property, params) => real.assert(property, capped(params)),
  check: (property, params) => real.check(property, capped(params)),
});
Object.defineProperty(fc, '__esModule', { value: true });
fc.default = fc;
module.exports = fc;
