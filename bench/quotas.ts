/**
 * The bench's estimates against Apps Script's time limits
 * (https://developers.google.com/apps-script/guides/services/quotas, "Current limitations"):
 *
 * - every execution: 6 min ("Script runtime: 6 min / execution", consumer and Workspace alike;
 *   blogs still quoting 30 min for Workspace describe the old Early-Access figure: the quotas
 *   page is current and stricter);
 * - a simple trigger (onOpen, a simple onEdit): 30 s ("They cannot run for longer than 30
 *   seconds", https://developers.google.com/apps-script/guides/triggers#restrictions);
 * - all triggers of a user together: 90 min a day (consumer) / 6 h (Workspace) ("Triggers total
 *   runtime"), reset 24 h after the first run, like every daily quota. Over it:
 *   "Service using too much computer time for one day."
 *
 * What each operation runs as (src/server/platform/triggers.ts installs the triggers): the
 * daily refresh (06:00), the knowing run (07:00) and the commission run (day 1, 05:00) are jobs
 * of the hourly time-driven trigger (src/server/schedule/, decision 010), which starts 24 times a
 * day, most of them to find nothing due (HOURLY_IDLE: that start-up is paid at every run);
 * onEditTrigger an installable edit trigger fired by every edit of the workbook, and
 * onChangeTrigger an installable change trigger, which also fires for a typed value (changeType
 * EDIT; the bench runs the emulator with changeOnEdit on), so every edit costs two executions;
 * all of them count towards the daily trigger total. The form's calls run through
 * google.script.run (6 min each, not triggers); onOpen is the only simple trigger.
 */
import { ACCOUNT_LIMITS, type AccountKind } from '../emulator/quotas';
import type { CostSource } from './costModel';

export const EXECUTION_LIMIT_MS = 6 * 60_000;
/** The bench's operation: one hourly run of the dispatcher with nothing due. */
export const HOURLY_IDLE = 'onHourlyTrigger (nothing due)';
/** The dispatcher's runs a day: every one pays its start-up. */
export const HOURLY_RUNS_A_DAY = 24;
export const SIMPLE_TRIGGER_LIMIT_MS = 30_000;

export const QUOTA_SOURCES: CostSource[] = [
  {
    what: 'Script runtime',
    figure: '6 min / execution (consumer and Workspace)',
    url: 'https://developers.google.com/apps-script/guides/services/quotas',
  },
  {
    what: 'Simple triggers',
    figure: '"They cannot run for longer than 30 seconds."',
    url: 'https://developers.google.com/apps-script/guides/triggers#restrictions',
  },
  {
    what: 'Triggers total runtime',
    figure: '90 min / day (consumer), 6 h / day (Google Workspace)',
    url: 'https://developers.google.com/apps-script/guides/services/quotas',
  },
];

/** What the bench needs of a measured operation (bench/index.ts's OperationResult). */
export interface Measured {
  operation: string;
  estimate: { totalMs: number };
}

export interface MeasuredSize {
  size: { label: string };
  operations: Measured[];
}

export interface RunsAs {
  how: string;
  limitMs: number;
  /** Counts towards the daily total of trigger runtime. */
  trigger: boolean;
}

/** How an operation of the bench runs in the product, and its time limit. */
export function runsAs(operation: string): RunsAs {
  const installable = (how: string): RunsAs => ({
    how,
    limitMs: EXECUTION_LIMIT_MS,
    trigger: true,
  });
  if (operation === 'onOpen')
    return { how: 'simple trigger', limitMs: SIMPLE_TRIGGER_LIMIT_MS, trigger: true };
  if (operation.startsWith('onEditTrigger')) return installable('installable edit trigger');
  if (operation.startsWith('onChangeTrigger')) return installable('installable change trigger');
  if (operation === 'refreshWatchList') return installable('hourly trigger (daily job)');
  if (operation === 'onKnowingDailyTrigger') return installable('hourly trigger (daily job)');
  if (operation === 'computeCommissions') return installable('hourly trigger (monthly job)');
  if (operation === HOURLY_IDLE) return installable('hourly trigger');
  if (operation.startsWith('form'))
    return { how: 'google.script.run', limitMs: EXECUTION_LIMIT_MS, trigger: false };
  return { how: 'menu', limitMs: EXECUTION_LIMIT_MS, trigger: false };
}

function secs(ms: number): string {
  return ms >= 100_000 ? `${(ms / 1000).toFixed(0)} s` : `${(ms / 1000).toFixed(1)} s`;
}

export interface LimitCheck {
  size: string;
  operation: string;
  how: string;
  limitMs: number;
  estimateMs: number;
  marginMs: number;
  within: boolean;
}

export function limitChecks(results: MeasuredSize[]): LimitCheck[] {
  return results.flatMap((r) =>
    r.operations.map((o) => {
      const { how, limitMs } = runsAs(o.operation);
      const estimateMs = o.estimate.totalMs;
      return {
        size: r.size.label,
        operation: o.operation,
        how,
        limitMs,
        estimateMs,
        marginMs: limitMs - estimateMs,
        within: estimateMs <= limitMs,
      };
    }),
  );
}

/** Markdown: each operation's estimate against its limit, at each size. */
export function limitsTable(results: MeasuredSize[]): string {
  const lines = [
    '| size | operation | runs as | limit | estimate | margin | of the limit |',
    '| ---- | --------- | ------- | ----: | -------: | -----: | -----------: |',
  ];
  for (const c of limitChecks(results))
    lines.push(
      `| ${c.size} | ${c.operation} | ${c.how} | ${secs(c.limitMs)} | ${secs(c.estimateMs)} | ${c.within ? '' : '**over by** '}${secs(Math.abs(c.marginMs))}${c.within ? '' : ' ✗'} | ${Math.round((100 * c.estimateMs) / c.limitMs)} % |`,
    );
  return lines.join('\n');
}

export interface DailyBudget {
  size: string;
  account: AccountKind;
  budgetMs: number;
  /** The daily refresh and the knowing run (every day), and the dispatcher's 24 start-ups. */
  dailyTriggersMs: number;
  /** Of which the hourly dispatcher's start-ups: 24 a day (decision 010). */
  hourlyStartsMs: number;
  /** The monthly commission run (day 1 only). */
  monthlyMs: number;
  /** Each includes the change trigger's run the same edit fires (changeType EDIT). */
  relevantEditMs: number;
  irrelevantEditMs: number;
  /** The change trigger's run alone (part of each edit figure). */
  changeTriggerMs: number;
  /** Edits that need a watch update, that fit in what the daily triggers leave. */
  relevantEdits: number;
  /** The same on day 1, when the commission run is paid too. */
  relevantEditsDay1: number;
  irrelevantEdits: number;
}

const time = (r: MeasuredSize, operation: string): number | undefined =>
  r.operations.find((o) => o.operation === operation)?.estimate.totalMs;

/** Watched edits per day that fit in the trigger runtime left by the daily (and monthly) runs. */
export function dailyBudgets(results: MeasuredSize[], labels = ['1/10', 'full']): DailyBudget[] {
  const out: DailyBudget[] = [];
  for (const r of results) {
    if (!labels.includes(r.size.label)) continue;
    const refresh = time(r, 'refreshWatchList');
    const knowing = time(r, 'onKnowingDailyTrigger');
    const monthly = time(r, 'computeCommissions');
    const relevant = time(r, 'onEditTrigger');
    const irrelevant = time(r, 'onEditTrigger (irrelevant edit)');
    const change = time(r, 'onChangeTrigger (edit)') ?? 0;
    // Measured by a bench that predates the dispatcher: no start-up to count.
    const hourlyStartsMs = HOURLY_RUNS_A_DAY * (time(r, HOURLY_IDLE) ?? 0);
    if ([refresh, knowing, monthly, relevant, irrelevant].some((t) => t === undefined)) continue;
    for (const account of ['consumer', 'workspace'] as const) {
      const budgetMs = ACCOUNT_LIMITS[account].triggerRuntimeMsPerDay;
      const dailyTriggersMs = refresh! + knowing! + hourlyStartsMs;
      const fit = (left: number, each: number): number =>
        left <= 0 ? 0 : Math.floor(left / Math.max(each, 1));
      out.push({
        size: r.size.label,
        account,
        budgetMs,
        dailyTriggersMs,
        hourlyStartsMs,
        monthlyMs: monthly!,
        relevantEditMs: relevant!,
        irrelevantEditMs: irrelevant!,
        changeTriggerMs: change,
        relevantEdits: fit(budgetMs - dailyTriggersMs, relevant!),
        relevantEditsDay1: fit(budgetMs - dailyTriggersMs - monthly!, relevant!),
        irrelevantEdits: fit(budgetMs - dailyTriggersMs, irrelevant!),
      });
    }
  }
  return out;
}

export function dailyBudgetTable(results: MeasuredSize[]): string {
  const lines = [
    '| size | account | trigger runtime a day | daily runs (refresh + knowing + hourly start-ups) | of which 24 hourly start-ups | watched edit | **watched edits a day that fit** | on day 1 (+ commission run) | irrelevant edit | irrelevant edits that fit | of which change trigger |',
    '| ---- | ------- | --------------------: | -----------------------------------------------: | ---------------------------: | -----------: | -------------------------------: | --------------------------: | --------------: | ------------------------: | ----------------------: |',
  ];
  for (const b of dailyBudgets(results))
    lines.push(
      `| ${b.size} | ${b.account} | ${b.budgetMs / 60_000} min | ${secs(b.dailyTriggersMs)} | ${secs(b.hourlyStartsMs)} | ${secs(b.relevantEditMs)} | **${b.relevantEdits.toLocaleString('en')}** | ${b.relevantEditsDay1.toLocaleString('en')} | ${secs(b.irrelevantEditMs)} | ${b.irrelevantEdits.toLocaleString('en')} | ${secs(b.changeTriggerMs)} |`,
    );
  return lines.join('\n');
}
