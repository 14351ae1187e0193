/**
 * npm run bench: the built bundle on the emulator, on a synthetic workbook at 1/100, 1/10 and
 * the full size (10,000 clients and terms, 20,000 agreements, 50,000 CRM log rows,
 * 100,000 invoices). For each size and operation: service calls by kind, cells moved, CPU time
 * (total, of which inside emulated service calls), memory, and an estimate of Apps Script time
 * (bench/costModel.ts). Prints a table and writes
 * bench/results.json and bench/results.md.
 */
import { writeFileSync } from 'node:fs';
import { format, resolveConfig } from 'prettier';
import path from 'node:path';
import { invokeServerFunction, type Emulator } from '../emulator';
import type { StepFigures } from '../emulator/calls';
import { normalizeHeader, sheetName } from '../src/shared/contract';
import type { FormLoadResult, SaveResult } from '../src/shared/formApi';
import {
  DEFAULT_COSTS,
  SOURCES,
  V8_FACTOR,
  estimate,
  findRowsCost,
  textFinderBreakEven,
  type CostFigures,
  type Estimate,
} from './costModel';
import { costsArgument, loadMeasuredCosts, type MeasuredFigures } from './measuredCosts';
import { HOURLY_IDLE, QUOTA_SOURCES, dailyBudgetTable, limitsTable } from './quotas';
import { COMMISSION_MONTH, LANG, buildWorkbook, clientCode, sizes, type Size } from './workbook';
import { headroomBench } from './headroom';

interface OperationResult {
  operation: string;
  calls: Record<string, number>;
  total: number;
  cells: { read: number; written: number };
  /** Node CPU of the whole operation (process.cpuUsage), emulator included. */
  cpuMs: number;
  /** Of which inside counted service calls: the emulator standing in for Google's host. */
  serviceCpuMs: number;
  /** cpuMs − serviceCpuMs (never below 0): the product's own JavaScript, what V8_FACTOR scales. */
  productCpuMs: number;
  heapDeltaMb: number;
  maxRssMb: number;
  /** Executions started and HtmlService pages shown (priced by the model). */
  executions: number;
  pages: number;
  estimate: Estimate;
  /** With the team's measured costs (`--costs FILE`), when given. */
  measuredEstimate?: Estimate;
  /** The target for this operation at full size (decision 013; none for the time-limit extras). */
  target: { calls: number; ms: number } | null;
  outcome: string;
  /** The same calls, cells and estimate by step (the bundle's spans), then the rest. */
  steps: StepResult[];
}

interface StepResult {
  step: string;
  calls: number;
  cells: { read: number; written: number };
  /** Calls and cells of the step as the cost model prices them (formatted-sheet reads). */
  ms: number;
}

interface SizeResult {
  size: Size;
  buildMs: number;
  operations: OperationResult[];
}

/** Targets (decision 013): the revised ones (form, saves' calls, daily refresh), else the first. */
const TARGETS: Record<string, { calls: number; ms: number }> = {
  'formOpen (cold cache)': { calls: 12, ms: 2_000 },
  formOpen: { calls: 12, ms: 2_000 },
  'menu → form ready': { calls: 12, ms: 2_000 },
  // Decision 021: the type-ahead's list asked again (a miss, or every 5 minutes): as an open.
  'formClients (cached)': { calls: 12, ms: 2_000 },
  'formClients (cold cache)': { calls: 12, ms: 2_000 },
  formSave: { calls: 15, ms: 1_000 },
  'formSave (credit limit)': { calls: 25, ms: 1_000 },
  refreshWatchList: { calls: 20, ms: 20_000 },
  'refreshWatchList (first run)': { calls: 20, ms: 30_000 },
  onEditTrigger: { calls: 20, ms: 30_000 },
  computeCommissions: { calls: 20, ms: 30_000 },
  'computeCommissions (rerun)': { calls: 20, ms: 30_000 },
};

function mb(bytes: number): number {
  return Math.round(bytes / 1e5) / 10;
}

/** Present when Node runs with --expose-gc (`npm run bench` does). */
const collectGarbage = (globalThis as { gc?: () => void }).gc;

/** The team's measured costs, from `npm run bench -- --costs FILE` (null: the model alone). */
let MEASURED: MeasuredFigures | null = null;

function measure(emu: Emulator, operation: string, fn: () => string): OperationResult {
  const runsBefore = emu.entryPointRuns.length;
  const pagesBefore = emu.ui.events.filter(
    (e) => e.kind === 'sidebar' || e.kind === 'modalDialog',
  ).length;
  // Garbage left by building the workbook or by the previous operation is collected first, so
  // that its collection is not charged to this one's CPU time (nor its heap growth).
  collectGarbage?.();
  const heapBefore = process.memoryUsage().heapUsed;
  const cpuStart = process.cpuUsage();
  const m = emu.calls.measure(fn);
  const cpu = process.cpuUsage(cpuStart);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  // The emulator's work inside service calls (copying cells in getValues, …) is already priced by
  // the per-call and per-cell costs: charging it again as script CPU would count it twice.
  const productCpuMs = Math.max(0, cpuMs - m.serviceCpuMs);
  const happened = {
    cacheValues: m.cacheValues,
    executions: emu.entryPointRuns.length - runsBefore,
    pages:
      emu.ui.events.filter((e) => e.kind === 'sidebar' || e.kind === 'modalDialog').length -
      pagesBefore,
  };
  return {
    operation,
    calls: m.calls,
    total: m.total,
    cells: m.cells,
    cpuMs: Math.round(cpuMs),
    serviceCpuMs: Math.round(m.serviceCpuMs),
    productCpuMs: Math.round(productCpuMs),
    heapDeltaMb: mb(process.memoryUsage().heapUsed - heapBefore),
    // resourceUsage().maxRSS is in kilobytes: the process's peak so far, not this step's.
    maxRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
    executions: happened.executions,
    pages: happened.pages,
    estimate: estimate(m.calls, m.cells, productCpuMs, happened),
    ...(MEASURED
      ? { measuredEstimate: estimate(m.calls, m.cells, productCpuMs, happened, MEASURED.figures) }
      : {}),
    target: TARGETS[operation] ?? null,
    outcome: m.result,
    steps: stepResults(m.steps, estimate(m.calls, m.cells, productCpuMs, happened)),
  };
}

/**
 * The operation's estimate split by step: each span's calls and cells priced alone (without the
 * end-of-execution commit, which is the operation's, not a step's), then start-up, the script's
 * own CPU and that commit, so the rows add up to the operation's estimate.
 */
function stepResults(steps: StepFigures[], whole: Estimate): StepResult[] {
  const rows = steps.map((s) => {
    const e = estimate(s.calls, s.cells, 0, {
      executions: 0,
      pages: 0,
      cacheValues: s.cacheValues,
    });
    return {
      step: s.step,
      calls: s.total,
      cells: s.cells,
      ms: e.totalMs - (s.cells.written > 0 ? DEFAULT_COSTS.flushMs : 0),
    };
  });
  const commitMs = steps.some((s) => s.cells.written > 0) ? DEFAULT_COSTS.flushMs : 0;
  const none = { read: 0, written: 0 };
  return [
    ...rows,
    { step: '(start-up and pages)', calls: 0, cells: none, ms: whole.startMs },
    { step: '(script CPU)', calls: 0, cells: none, ms: whole.cpuMs },
    ...(commitMs > 0
      ? [{ step: '(end-of-execution commit)', calls: 0, cells: none, ms: commitMs }]
      : []),
  ];
}

/** The column letter of a header on a contract sheet (the bench edits a cell by header). */
function columnLetter(emu: Emulator, sheet: string, header: string): string {
  const i = (emu.spreadsheet.values(sheet)[0] ?? [])
    .map(normalizeHeader)
    .indexOf(normalizeHeader(header));
  if (i < 0) throw new Error(`bench: no column ${header} in ${sheet}`);
  return String.fromCharCode(65 + i);
}

function runSize(size: Size): SizeResult {
  const t0 = Date.now();
  const emu = buildWorkbook(size);
  const buildMs = Date.now() - t0;
  const code = clientCode(Math.floor(size.clients / 2));
  const operations: OperationResult[] = [];

  // The first refresh writes every computed cell; afterwards the daily one writes changes only.
  operations.push(
    measure(emu, 'refreshWatchList (first run)', () => {
      emu.run('refreshWatchList');
      return 'refreshed';
    }),
  );
  emu.clock.advance(2000);

  // Decision 021: the type-ahead's list asked again with no cache (it puts nothing: the next open
  // is still cold).
  const listed = (reply: ReturnType<typeof invokeServerFunction>) =>
    reply.ok ? `${(reply.value as { clients: unknown[] }).clients.length} clients` : 'error';
  operations.push(
    measure(emu, 'formClients (cold cache)', () =>
      listed(invokeServerFunction(emu, 'formClients', [])),
    ),
  );

  // The first open reads the key columns whole and fills the document cache (decision 004); the
  // next ones read the client's rows only, until an edit or a row move forgets it.
  for (const name of ['formOpen (cold cache)', 'formOpen'])
    operations.push(
      measure(emu, name, () => {
        const reply = invokeServerFunction(emu, 'formOpen', [{ code }]);
        return reply.ok ? 'opened' : `error: ${reply.error.message}`;
      }),
    );

  // The menu reads what the form needs and ships it in the page, one execution (decision 005).
  const codes = emu.spreadsheet.values('Clients').map((r) => String(r[0] ?? ''));
  emu.spreadsheet.setActiveRange('Clients', `B${Math.max(2, codes.indexOf(code) + 1)}`);
  operations.push(
    measure(emu, 'menu → form ready', () => {
      emu.run('showClientForm');
      return emu.ui.lastSidebar()?.html.includes(code) ? 'ready' : 'no client in the page';
    }),
  );

  // Decision 021: the fresh type-ahead list, from the cache the opens filled.
  operations.push(
    measure(emu, 'formClients (cached)', () =>
      listed(invokeServerFunction(emu, 'formClients', [])),
    ),
  );

  const loaded = invokeServerFunction(emu, 'formLoad', [code]);
  const load = (loaded.ok ? loaded.value : { error: 'formLoad failed' }) as FormLoadResult;
  if ('error' in load) throw new Error(`bench: ${load.error}`);
  const record = load.record;
  const original = structuredClone(record); // sent back as the sidebar does
  record.general.phone = '514 555-9999';
  record.crm.needs = 'Livraison avant 7 h';
  operations.push(
    measure(emu, 'formSave', () => {
      const reply = invokeServerFunction(emu, 'formSave', [{ record, isNew: false, original }]);
      const saved = reply.ok ? (reply.value as SaveResult) : null;
      return saved?.ok ? 'saved' : `refused: ${JSON.stringify(reply).slice(0, 200)}`;
    }),
  );

  // A save that changes a rule input (the credit limit) also refreshes the watch list.
  const again = invokeServerFunction(emu, 'formLoad', [code]);
  const reloaded = (again.ok ? again.value : { error: 'formLoad failed' }) as FormLoadResult;
  if ('error' in reloaded) throw new Error(`bench: ${reloaded.error}`);
  const reloadedOriginal = structuredClone(reloaded.record);
  reloaded.record.terms.creditLimit = 1234;
  emu.clock.advance(2000); // a later save: the version moves on (see the known same-second bug)
  operations.push(
    measure(emu, 'formSave (credit limit)', () => {
      const reply = invokeServerFunction(emu, 'formSave', [
        { record: reloaded.record, isNew: false, original: reloadedOriginal },
      ]);
      const saved = reply.ok ? (reply.value as SaveResult) : null;
      return saved?.ok ? 'saved' : `refused: ${JSON.stringify(reply).slice(0, 200)}`;
    }),
  );

  operations.push(
    measure(emu, 'refreshWatchList', () => {
      emu.run('refreshWatchList');
      return 'refreshed';
    }),
  );

  // A person types a payment date into an invoice: the installed edit trigger refreshes.
  const invoices = sheetName('invoices', LANG);
  const cell = `${columnLetter(emu, invoices, 'Payée le')}5`;
  emu.spreadsheet.seed(invoices, [['2026-11-14']], cell);
  operations.push(
    measure(emu, 'onEditTrigger', () => {
      const outcomes = emu.fireEdit({ range: { sheet: invoices, a1: cell }, value: '2026-11-14' });
      const failed = outcomes.find((o) => o.error);
      return failed ? `error: ${String(failed.error)}` : outcomes.map((o) => o.handler).join(', ');
    }),
  );

  operations.push(
    measure(emu, 'computeCommissions', () => {
      emu.run('computeCommissions', COMMISSION_MONTH);
      return `month ${COMMISSION_MONTH}`;
    }),
  );
  // A rerun after three of the month's invoices were corrected (decision 015): the lines that
  // change are rewritten in place, each block checked right before its write.
  const invoiceRows = emu.spreadsheet.values(invoices);
  const dateAt = (invoiceRows[0] ?? []).map(normalizeHeader).indexOf(normalizeHeader('Date'));
  const amount = columnLetter(emu, invoices, 'Montant');
  const amountAt = amount.charCodeAt(0) - 65;
  const corrected = invoiceRows
    .flatMap((row, i) => {
      const v = row[dateAt];
      const month = v instanceof Date ? v.toISOString().slice(0, 7) : String(v ?? '').slice(0, 7);
      return month === COMMISSION_MONTH && typeof row[amountAt] === 'number' ? [i + 1] : [];
    })
    .slice(0, 3);
  for (const row of corrected)
    emu.spreadsheet.seed(
      invoices,
      [[Number(invoiceRows[row - 1]![amountAt]) + 10]],
      `${amount}${row}`,
    );
  operations.push(
    measure(emu, 'computeCommissions (rerun)', () => {
      emu.run('computeCommissions', COMMISSION_MONTH);
      return `month ${COMMISSION_MONTH}, ${corrected.length} invoices corrected`;
    }),
  );
  operations.push(...timeLimitOperations(emu));
  return { size, buildMs, operations };
}

/**
 * For the time limits (bench/quotas.ts): the other daily trigger, an edit the rules do not read
 * (a phone number in Clients: every edit fires the installed trigger and spends trigger runtime)
 * and the simple trigger onOpen (30 s limit).
 */
function timeLimitOperations(emu: Emulator): OperationResult[] {
  const clients = sheetName('clients', LANG);
  const phone = `${columnLetter(emu, clients, 'Téléphone')}5`;
  emu.spreadsheet.seed(clients, [['514 555-0101']], phone);
  return [
    // The change trigger alone, as it runs for every typed value (changeType EDIT): one
    // execution's start-up, no service call (it returns at once for an edit).
    measure(emu, 'onChangeTrigger (edit)', () => {
      const outcomes = emu.fireChange('EDIT');
      const failed = outcomes.find((o) => o.error);
      return failed ? `error: ${String(failed.error)}` : outcomes.map((o) => o.handler).join(', ');
    }),
    measure(emu, 'onEditTrigger (irrelevant edit)', () => {
      const outcomes = emu.fireEdit({
        range: { sheet: clients, a1: phone },
        value: '514 555-0101',
      });
      const failed = outcomes.find((o) => o.error);
      return failed ? `error: ${String(failed.error)}` : outcomes.map((o) => o.handler).join(', ');
    }),
    measure(emu, 'onKnowingDailyTrigger', () => {
      emu.run('onKnowingDailyTrigger');
      return 'refreshed';
    }),
    measure(emu, 'onOpen', () => {
      const outcomes = emu.fireOpen();
      const failed = outcomes.find((o) => o.error);
      return failed ? `error: ${String(failed.error)}` : 'opened';
    }),
    // The hourly dispatcher's start-up (decision 010), paid at each of its 24 runs a day (most have
    // nothing to do): it counts against the daily trigger runtime (bench/quotas.ts).
    measure(emu, HOURLY_IDLE, () => {
      const clock = emu.triggers.triggers.find((t) => t.handler === 'onHourlyTrigger');
      if (!clock) return 'error: no hourly trigger';
      emu.runIn(emu.execution(clock.owner, 'clock'), 'onHourlyTrigger', [
        { authMode: 'FULL', triggerUid: clock.uid },
      ]);
      return 'nothing due';
    }),
  ];
}

function seconds(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(2)} s`;
}

function markdown(results: SizeResult[]): string {
  const lines = [
    `| size | operation | executions | calls | cells read | cells written | CPU (Node) | of which in services | heap Δ | est. start | est. calls | est. cells | est. flush | est. CPU | **estimate** | unformatted |${MEASURED ? ' **measured costs** |' : ''}`,
    `| ---- | --------- | ---------: | ----: | ---------: | ------------: | ---------: | -------------------: | -----: | ---------: | ---------: | ---------: | ---------: | -------: | -----------: | ----------: |${MEASURED ? ' ---: |' : ''}`,
  ];
  for (const r of results)
    for (const o of r.operations) {
      const overCalls = o.target && o.total > o.target.calls ? ` ✗ (≤ ${o.target.calls})` : '';
      const overTime =
        o.target && r.size.label === 'full' && o.estimate.totalMs > o.target.ms
          ? ` ✗ (< ${seconds(o.target.ms)})`
          : '';
      lines.push(
        `| ${r.size.label} | ${o.operation} | ${o.executions}${o.pages ? ` + ${o.pages} page` : ''} | ${o.total}${overCalls} | ${o.cells.read.toLocaleString('en')} | ${o.cells.written.toLocaleString('en')} | ${o.cpuMs} ms | ${o.serviceCpuMs} ms | ${o.heapDeltaMb} MB | ${seconds(o.estimate.startMs)} | ${seconds(o.estimate.callsMs)} | ${seconds(o.estimate.cellsMs)} | ${seconds(o.estimate.flushMs)} | ${seconds(o.estimate.cpuMs)} | **${seconds(o.estimate.totalMs)}**${overTime} | ${seconds(o.estimate.plainTotalMs)} |${o.measuredEstimate ? ` **${seconds(o.measuredEstimate.totalMs)}** |` : ''}`,
      );
    }
  return lines.join('\n');
}

/** The operations whose steps the results show (decision 023: form open, saves, refresh, commissions). */
const STEP_OPERATIONS = [
  'menu → form ready',
  'formSave',
  'formSave (credit limit)',
  'refreshWatchList',
  'computeCommissions',
];

/** Per operation at full size: its steps → calls, cells, estimated time. */
function stepsTables(results: SizeResult[]): string {
  const full = results[results.length - 1]!;
  return full.operations
    .filter((o) => STEP_OPERATIONS.includes(o.operation))
    .map((o) => {
      const rows = o.steps.map(
        (s) =>
          `| ${s.step} | ${s.calls || ''} | ${s.cells.read ? s.cells.read.toLocaleString('en') : ''} | ${s.cells.written ? s.cells.written.toLocaleString('en') : ''} | ${seconds(s.ms)} |`,
      );
      return [
        `**${o.operation}** (${seconds(o.estimate.totalMs)})`,
        '',
        '| step | calls | cells read | cells written | est. |',
        '| ---- | ----: | ---------: | ------------: | ---: |',
        ...rows,
      ].join('\n');
    })
    .join('\n\n');
}

function callsByKind(results: SizeResult[]): string {
  const full = results[results.length - 1]!;
  return full.operations
    .map(
      (o) =>
        `- **${o.operation}** (${o.total}): ${Object.entries(o.calls)
          .map(([k, n]) => `${k} ${n}`)
          .join(', ')}`,
    )
    .join('\n');
}

/**
 * Finding one client's rows by TextFinder (decision 013) instead of reading the client-code
 * column, per sheet the form reads that way, at each size (the client's rows: the sheet's rows
 * per client, as the bench's workbook spreads them).
 */
function textFinderTable(figures: CostFigures): string {
  const lines = [
    "| size | sheet | rows | a client's rows | read the code column | TextFinder | faster above |",
    '| ---- | ----- | ---: | -------------: | -------------------: | ---------: | -----------: |',
  ];
  for (const size of sizes()) {
    const sheets: [string, number][] = [
      ['Terms', size.terms],
      ['Commissions', size.agreements],
      ['CRM log', size.crmEntries],
      ['Invoices', size.invoices],
    ];
    for (const [sheet, rows] of sheets) {
      const matches = Math.max(1, Math.round(rows / size.clients));
      const cost = findRowsCost(rows, matches, figures);
      const breakEven = textFinderBreakEven(matches, figures);
      lines.push(
        `| ${size.label} | ${sheet} | ${rows.toLocaleString('en')} | ${matches} | ${Math.round(cost.readColumnMs)} ms | ${Math.round(cost.textFinderMs)} ms | ${breakEven === null ? 'never' : `${breakEven.toLocaleString('en')} rows`} |`,
      );
    }
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const costsFile = costsArgument(process.argv.slice(2));
  if (costsFile) MEASURED = loadMeasuredCosts(costsFile);
  const started = Date.now();
  const results: SizeResult[] = [];
  for (const size of sizes()) {
    process.stderr.write(
      `bench: ${size.label} (${size.clients} clients, ${size.invoices} invoices)…\n`,
    );
    results.push(runSize(size));
  }
  const table = markdown(results);
  const sources = SOURCES.map((s) => `- ${s.what}: ${s.figure} — ${s.url}`).join('\n');
  const limits = [
    '## Time limits (bench/quotas.ts)',
    '',
    'Each estimate against the limit of how the operation runs: 6 min an execution, 30 s a simple trigger.',
    '',
    limitsTable(results),
    '',
    '## Trigger runtime a day',
    '',
    'What the daily trigger total leaves for the edit trigger once the daily refresh and the knowing run',
    'are paid (and, on day 1, the commission run), with the hourly dispatcher’s start-up at each of its',
    '24 runs a day (the runs with nothing due, and the start of the two that run a job), in',
    'edits that need a watch update; an edit the rules do not read costs the "irrelevant edit" time instead.',
    'Every typed value runs two triggers, the edit trigger and the change trigger (changeType EDIT, which',
    'returns at once): both executions, and so both start-ups, are in each edit figure ("of which change',
    'trigger" is the second one alone).',
    '',
    dailyBudgetTable(results),
    '',
    QUOTA_SOURCES.map((s) => `- ${s.what}: ${s.figure} — ${s.url}`).join('\n'),
  ].join('\n');
  const md = [
    '# Benchmark results',
    '',
    `Generated by \`npm run bench\` on ${new Date().toISOString()} (Node ${process.version}, ${Math.round((Date.now() - started) / 1000)} s).`,
    '',
    table,
    '',
    '✗ = above the target (calls: at every size; time: at full size). Peak RSS of the',
    `process: ${Math.round(process.resourceUsage().maxRSS / 1024)} MB; workbook build times: ${results.map((r) => `${r.size.label} ${r.buildMs} ms`).join(', ')}.`,
    '',
    '## Calls by kind at full size',
    '',
    callsByKind(results),
    '',
    '## Where the time goes, by step (full size)',
    '',
    'Steps are the spans of the bundle (src/server/platform/span.ts: the reading/writing layer, the',
    'lock and the form cache name theirs; "a › b" is b inside a; "(no span)" is every other call).',
    "Each step's calls and cells are priced alone by the cost model; start-up, the script's own CPU",
    'and the end-of-execution commit are the rest of the estimate, so the rows add up to it.',
    '',
    stepsTables(results),
    '',
    '## Cost model (bench/costModel.ts)',
    '',
    `estimate = Σ calls × per-kind cost + cells × per-cell cost + (Node CPU − CPU in services) × ${V8_FACTOR} (V8 factor: assumption).`,
    `Also: executions × ${DEFAULT_COSTS.executionStartMs} ms start-up and pages shown × ${DEFAULT_COSTS.pageLoadMs} ms (assumptions), reads × ${DEFAULT_COSTS.formattedReadFactor} on formatted sheets ("unformatted": without that factor), writes ${DEFAULT_COSTS.writeMsPerCell} ms a cell plus flushes (${DEFAULT_COSTS.flushMs} ms + ${DEFAULT_COSTS.flushMsPerCell} ms a pending cell; one at the end of an operation that wrote).`,
    "CPU in services is the emulator doing the work of Google's host (copying cells, …), already",
    "priced by the per-call and per-cell costs, so only the rest (the product's own JavaScript) is",
    'scaled by the V8 factor. est. CPU = (CPU (Node) − of which in services) × the factor.',
    '',
    sources,
    '',
    '## TextFinder or the code column',
    '',
    "Finding one client's rows in a sheet: one getValues of the client-code column, or",
    'createTextFinder(code).matchEntireCell(true).findAll() and a getRow() of each match (the TextFinder',
    'per-cell cost is an assumption until measured: Help › Check this spreadsheet times it).',
    '',
    textFinderTable(MEASURED?.figures ?? DEFAULT_COSTS),
    '',
    limits,
    '',
  ].join('\n');
  if (MEASURED && costsFile) {
    // The team's figures: written next to their file, the committed results left as they are.
    const out = `${costsFile.replace(/\.json$/i, '')}.bench.md`;
    const header = [
      '# Benchmark with measured costs',
      '',
      `Costs measured ${MEASURED.report.measuredAt} on a workbook of ${MEASURED.report.workbook.invoiceRows.toLocaleString('en')} invoice rows and ${MEASURED.report.workbook.clientRows.toLocaleString('en')} clients.`,
      `Taken from the report: ${MEASURED.measured.join(', ') || 'nothing (every figure was null)'}; the rest is the model's.`,
      '',
    ].join('\n');
    writeFileSync(out, `${header}\n${md}`);
    process.stdout.write(`${table}\n\nWritten: ${out}\n`);
    return;
  }
  const here = path.dirname(new URL(import.meta.url).pathname);
  // Formatted as the repository's prettier check wants, so a fresh run leaves `npm run lint` green.
  const write = async (file: string, text: string, parser: string) => {
    const where = path.join(here, file);
    const options = (await resolveConfig(where)) ?? {};
    writeFileSync(where, await format(text, { ...options, parser }));
  };
  await write('results.json', JSON.stringify(results), 'json');
  await write('results.md', md, 'markdown');
  process.stdout.write(
    `${table}\n\n${callsByKind(results)}\n\nSources:\n${sources}\n\n${limits}\n`,
  );
  for (const r of results)
    for (const o of r.operations)
      if (!/^(opened|saved|refreshed|month|onEditTrigger|onChangeTrigger)/.test(o.outcome))
        process.stdout.write(`! ${r.size.label} ${o.operation}: ${o.outcome}\n`);
  await headroomBench(); // bench/headroom.md: cells used, growth, months before the 10 M ceiling
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
