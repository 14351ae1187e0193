/**
 * What the team is told of the triggers' runs (decision 017): the work kept for later
 * (platform/pending.ts) and the runs that left work undone or failed (platform/jobs.ts), in the
 * workbook's language. Settings lists them (triggers.ts); a summary is shown at the top of
 * Settings and as a toast at the next onOpen, once per person for each new state of things
 * (settings/entries.ts), so that nobody has to open Settings to learn that a paid-out month was
 * left unchanged, that notices wait, or that a run failed.
 */
import { JOBS, localStamp, type JobName } from '../../domain/schedule';
import type { Lang } from '../../shared/contract';
import type { JobRecord } from './jobs';
import { t, type MessageKey } from './messages';
import { hasPendingWork, type Pending } from './pending';

const JOB_NAME: Record<JobName, MessageKey> = {
  commissions: 'jobCommissions',
  watch: 'jobWatch',
  knowing: 'jobKnowing',
};

function shown(iso: string, timeZone: string): string {
  const ms = Date.parse(iso);
  return iso && Number.isFinite(ms) ? localStamp(ms, timeZone) : '?';
}

function oldest(entries: readonly { s: string }[]): string {
  return entries.map((e) => e.s).sort()[0] ?? '';
}

/** One line per kind of work kept for later, and the last outcome of the kept work. */
export function pendingLines(p: Pending, lang: Lang, timeZone: string): string[] {
  const out: string[] = [];
  if (p.watch.all) out.push(t('pendingWatchAll', lang, { since: shown(p.watch.all.s, timeZone) }));
  else if (p.watch.clients.length > 0)
    out.push(
      t('pendingWatch', lang, {
        n: p.watch.clients.length,
        codes: p.watch.clients
          .slice(0, 10)
          .map((e) => e.c)
          .join(', '),
        since: shown(oldest(p.watch.clients), timeZone),
      }),
    );
  if (p.notices.length > 0)
    out.push(
      t('pendingNotices', lang, {
        n: p.notices.length,
        since: shown(oldest(p.notices), timeZone),
      }),
    );
  if (p.statements.length > 0)
    out.push(
      t('pendingStatements', lang, {
        n: p.statements.length,
        months: [...new Set(p.statements.map((e) => e.m))].sort().join(', '),
        since: shown(oldest(p.statements), timeZone),
      }),
    );
  if (p.dropped > 0) out.push(t('pendingDropped', lang, { n: p.dropped }));
  if (p.edit)
    out.push(
      t(
        p.edit.state === 'done'
          ? 'pendingLastDone'
          : p.edit.state === 'failed'
            ? 'pendingLastFailed'
            : 'pendingLastKept',
        lang,
        { at: shown(p.edit.at, timeZone), message: p.edit.message },
      ),
    );
  return out;
}

/** The jobs whose last run failed or left work undone, with what it said. */
function undoneJobs(
  jobs: Record<JobName, JobRecord>,
): { job: JobName; at: string; text: string }[] {
  return JOBS.flatMap(({ name }) => {
    const o = jobs[name].outcome;
    return o && (!o.ok || o.undone) ? [{ job: name, at: o.at, text: o.message }] : [];
  });
}

/**
 * What the team must not miss, in one short text ('' when nothing): runs that failed or left
 * work undone, and work kept for later. `stamp` names that state: a person is shown it once.
 */
export function undoneSummary(
  jobs: Record<JobName, JobRecord>,
  p: Pending,
  lang: Lang,
): { text: string; stamp: string } {
  const parts: string[] = [];
  const stamps: string[] = [];
  for (const u of undoneJobs(jobs)) {
    const name = t(JOB_NAME[u.job], lang);
    parts.push(lang === 'fr' ? `${name} : ${u.text}` : `${name}: ${u.text}`);
    stamps.push(`${u.job}@${u.at}`);
  }
  // Work still owed; a failure whose work was done since is history (Settings lists it).
  if (hasPendingWork(p)) {
    const n = (p.watch.all ? 1 : p.watch.clients.length) + p.notices.length + p.statements.length;
    parts.push(t('undonePending', lang, { n }));
    stamps.push(`pending@${p.rev}`);
  }
  if (parts.length === 0) return { text: '', stamp: '' };
  const text = `${t('undoneTitle', lang)} ${parts.join(' — ')}`;
  return { text: text.length > 600 ? `${text.slice(0, 599)}…` : text, stamp: stamps.join(' ') };
}
