/**
 * Mailchimp members still to delete for good, after their client was anonymized (Law 25).
 *
 * The member's id in Mailchimp is the MD5 of the address (mailchimp.ts subscriberHash), and an
 * MD5 of an address re-identifies the person (hash the address you suspect, compare), so it must
 * not stay in the workbook until a Mailchimp call succeeds, which never happens when Mailchimp
 * is not configured or keeps failing. Anonymization moves it here at once: a list in the
 * script's properties, which no sheet, export or sidebar shows (editors who open the script
 * could still read it, as they can read the Mailchimp key). Each hash leaves the list when
 * Mailchimp confirms the deletion (204, or 404: no such member), at the anonymization itself
 * when Mailchimp is configured, else at the next sync.
 *
 * The list is bounded: one property value holds at most 9 KB
 * (https://developers.google.com/apps-script/guides/services/quotas, "Properties value size"),
 * so at most MAX_PENDING hashes (35 bytes each as JSON). Past it, nothing is dropped: the
 * anonymization says the member must be deleted in Mailchimp by hand, with the address, which
 * the person confirming still sees.
 */
import { translator, type TextTable } from '../../shared/text';
import { loadMailchimpConfig, MailchimpApi, sendAll } from './mailchimp';

const KEY = 'ficheClient.mailchimpDeletions';
/** 200 × 35 bytes ≈ 7 KB, under the 9 KB of one property value. */
export const MAX_PENDING = 200;
const HASH = /^[0-9a-f]{32}$/;
/** The deletions sent from a menu action stop starting batches after this long. */
const TIME_BUDGET_MS = 60_000;

function store(): GoogleAppsScript.Properties.Properties {
  return PropertiesService.getScriptProperties();
}

/** The hashes waiting for Mailchimp to confirm their deletion. */
export function pendingDeletions(): string[] {
  const raw = store().getProperty(KEY);
  if (!raw) return [];
  try {
    const parsed = JSON.parse(raw) as unknown;
    return Array.isArray(parsed)
      ? parsed.filter((h): h is string => typeof h === 'string' && HASH.test(h))
      : [];
  } catch {
    return [];
  }
}

function save(hashes: readonly string[]): void {
  if (hashes.length === 0) store().deleteProperty(KEY);
  else store().setProperty(KEY, JSON.stringify(hashes));
}

/** Whether `n` more hashes fit in the list. */
export function roomFor(n: number): boolean {
  return pendingDeletions().length + n <= MAX_PENDING;
}

/** Adds hashes (once each); those that do not fit are returned, none is dropped silently. */
export function addPendingDeletions(hashes: readonly string[]): string[] {
  const list = pendingDeletions();
  const refused: string[] = [];
  for (const h of hashes) {
    if (!HASH.test(h) || list.includes(h)) continue;
    if (list.length >= MAX_PENDING) refused.push(h);
    else list.push(h);
  }
  save(list);
  return refused;
}

export interface DeletionReport {
  /** Members deleted (or already unknown to Mailchimp). */
  deleted: number;
  /** Still pending: Mailchimp answered an error or was not reached. */
  pending: number;
}

/**
 * Sends a permanent deletion for every pending hash and keeps only those Mailchimp did not
 * confirm. Null when Mailchimp is not configured (nothing sent, the list kept).
 */
export function deletePendingMembers(
  deadline = Date.now() + TIME_BUDGET_MS,
): DeletionReport | null {
  const config = loadMailchimpConfig();
  if (!config) return null;
  const hashes = pendingDeletions();
  if (hashes.length === 0) return { deleted: 0, pending: 0 };
  const api = new MailchimpApi(config);
  const answers = sendAll(
    hashes.map((h) => api.deletePermanent(h)),
    deadline,
  );
  const left = hashes.filter((_, i) => {
    const a = answers[i]!;
    return a.error !== '' && a.status !== 404;
  });
  // Read again: an anonymization may have added hashes while these requests ran.
  const now = pendingDeletions();
  save(now.filter((h) => left.includes(h) || !hashes.includes(h)));
  return { deleted: hashes.length - left.length, pending: left.length };
}

const TEXT = {
  deleteNow: {
    fr: 'Le membre Mailchimp ({email}) sera supprimé définitivement, maintenant ou, si Mailchimp ne répond pas, à la prochaine synchronisation.',
    en: 'The Mailchimp member ({email}) will be permanently deleted, now or, if Mailchimp does not answer, at the next sync.',
  },
  byHand: {
    fr: 'Mailchimp n’est pas configuré ici : si {email} figure dans une audience Mailchimp (par exemple importée d’un CSV), supprimez ce contact définitivement dans Mailchimp, à la main.',
    en: 'Mailchimp is not set up here: if {email} is in a Mailchimp audience (imported from a CSV, for example), delete that contact permanently in Mailchimp, by hand.',
  },
  byHandFull: {
    fr: 'Trop de suppressions Mailchimp sont en attente ({n}) : supprimez définitivement {email} dans Mailchimp, à la main (puis lancez une synchronisation pour vider la file).',
    en: 'Too many Mailchimp deletions are waiting ({n}): permanently delete {email} in Mailchimp by hand (then run a sync to clear the queue).',
  },
  deleted: {
    fr: 'Membre Mailchimp supprimé définitivement.',
    en: 'Mailchimp member permanently deleted.',
  },
  deferred: {
    fr: 'Mailchimp n’a pas confirmé la suppression du membre : elle sera refaite à la prochaine synchronisation.',
    en: 'Mailchimp did not confirm the member’s deletion: it will be tried again at the next sync.',
  },
  syncDeleted: {
    fr: '{n} {n|membre supprimé|membres supprimés} définitivement (clients anonymisés).',
    en: '{n} {n|member|members} of anonymized clients permanently deleted.',
  },
  syncPending: {
    fr: '{n} {n|suppression|suppressions} de membres (clients anonymisés) non {n|confirmée|confirmées} par Mailchimp : à refaire à la prochaine synchronisation.',
    en: '{n} {n|deletion|deletions} of members of anonymized clients not confirmed by Mailchimp: tried again at the next sync.',
  },
} as const satisfies TextTable;
export const deletionText = translator(TEXT);
