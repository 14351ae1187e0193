/**
 * The fast tier (`npm run test:fast`, FC_NUM_RUNS set): a test that tries something at every
 * service call of a run runs it at an evenly spaced sample of them instead (FC_NUM_RUNS × 5
 * calls at most), as the properties run fewer cases. Without FC_NUM_RUNS, every item.
 */
export function everyOrSample<T>(items: readonly T[], perRun = 5): readonly T[] {
  const cap = Number(process.env.FC_NUM_RUNS);
  if (!Number.isInteger(cap) || cap < 1) return items;
  const n = Math.min(items.length, cap * perRun);
  return Array.from({ length: n }, (_, i) => items[Math.floor((i * items.length) / n)]!);
}
