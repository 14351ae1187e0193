/**
 * The execution log without personal data (Quebec's Law 25: collect and expose only what is
 * needed). Whoever maintains the script reads Apps Script's execution log, so what goes there
 * says where and how many, never what a cell held or whom a mail was for.
 */
import type { CellProblem } from '../../domain/types';
import type { MailReport } from './mail';

/** Anything shaped like an e-mail address. */
const EMAIL = /[^\s@<>"'(),;:[\]]+@[^\s@<>"'(),;:[\]]+\.[^\s@<>"'(),;:[\]]+/g;

/** The text with e-mail addresses masked: a safety net for messages built elsewhere. */
export function redact(text: string): string {
  return text.replace(EMAIL, '[e-mail]');
}

/** A warning in the execution log, e-mail addresses masked. */
export function logWarning(text: string): void {
  console.warn(redact(text));
}

/** Cell problems by position only (sheet, row, column): their messages quote the cells. */
export function logProblems(what: string, problems: readonly CellProblem[]): void {
  if (problems.length === 0) return;
  const where = problems
    .slice(0, 50)
    .map((p) => `${p.sheet} row ${p.row} (${p.column})`)
    .join('; ');
  console.warn(
    redact(
      `${what}: ${problems.length} cell problem(s) at ${where}${problems.length > 50 ? ', …' : ''}`,
    ),
  );
}

/**
 * What a mailing did, in counts: no address, no client. Lists cells refused for not holding
 * exactly one valid address are named by position (Listes!E3), so they can be fixed.
 */
export function logMailReport(
  what: string,
  report: MailReport & { noAddress?: readonly unknown[]; badAddress?: readonly string[] },
): void {
  const bad = report.badAddress ?? [];
  console.warn(
    `${what}: ${report.sent} sent, ${report.overQuota} over the daily quota, ` +
      `${report.failed.length} failed, ${report.noAddress?.length ?? 0} without an address` +
      (bad.length > 0
        ? `, ${bad.length} refused (not exactly one valid address in ${bad.slice(0, 20).join(', ')})`
        : ''),
  );
}
