/**
 * The newsletter consent record Canada's anti-spam law (CASL) asks a sender to keep: the kind of
 * consent (express or implied), when it was given and how. Pure: shared by the form (to flag
 * and validate) and the Mailchimp sync (to decide who may be subscribed).
 *
 * Express consent does not expire; implied consent from an existing business relationship
 * (a purchase) lasts two years from that purchase, after which express consent is needed.
 * CRTC, "Guidance on Implied Consent": https://crtc.gc.ca/eng/com500/guide.htm — CASL s. 10(10)
 * ("… within the two-year period immediately before the day on which the message was sent").
 */
import type { ConsentType } from '../shared/contract';
import type { Day } from './types';

export interface ConsentRecord {
  newsletter: boolean;
  consentType: ConsentType | '';
  consentDate: Day | null;
  consentSource: string;
}

/** How long implied consent from a purchase lasts (CASL s. 10(10)). */
export const IMPLIED_CONSENT_YEARS = 2;

/**
 * The last day an implied consent given on `given` still allows a message: the same date two
 * years later (29 February → 28 February).
 */
export function impliedConsentLastDay(given: Day): Day {
  const year = Number(given.slice(0, 4)) + IMPLIED_CONSENT_YEARS;
  const monthDay = given.slice(5) === '02-29' ? '02-28' : given.slice(5);
  return `${String(year).padStart(4, '0')}-${monthDay}`;
}

/** True when the consent is implied and older than two years on `today`. */
export function isImpliedConsentExpired(
  consent: Pick<ConsentRecord, 'consentType' | 'consentDate'>,
  today: Day,
): boolean {
  return (
    consent.consentType === 'implied' &&
    consent.consentDate !== null &&
    consent.consentDate !== '' &&
    impliedConsentLastDay(consent.consentDate) < today
  );
}

export type ConsentIssue = 'consentTypeRequired' | 'consentDateRequired' | 'consentDateFuture';

/**
 * What is missing for the newsletter opt-in to be backed by a consent record: a ticked
 * newsletter needs its consent type and date; a consent date cannot be in the future.
 */
export function consentIssues(
  consent: ConsentRecord,
  today: Day | null,
): { field: 'consentType' | 'consentDate'; issue: ConsentIssue }[] {
  const issues: { field: 'consentType' | 'consentDate'; issue: ConsentIssue }[] = [];
  if (consent.newsletter && consent.consentType === '')
    issues.push({ field: 'consentType', issue: 'consentTypeRequired' });
  if (consent.newsletter && !consent.consentDate)
    issues.push({ field: 'consentDate', issue: 'consentDateRequired' });
  else if (today && consent.consentDate && consent.consentDate > today)
    issues.push({ field: 'consentDate', issue: 'consentDateFuture' });
  return issues;
}

/**
 * An address Mailchimp accepts: no spaces, one @, a dot in the domain, and only ASCII before
 * the @ ("we can only support international characters like ñ or é if they come after the @").
 * https://mailchimp.com/help/format-guidelines-for-your-import-file/
 */
const MAILCHIMP_EMAIL = /^[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[^\s@]+\.[^\s@.]+$/;

export function isMailchimpEmail(email: string): boolean {
  return email.length <= 254 && MAILCHIMP_EMAIL.test(email);
}

export type Eligibility =
  | { subscribe: true }
  | {
      subscribe: false;
      /** notOptedIn is the normal case; the others are reported to the user. */
      reason: 'notOptedIn' | 'noEmail' | 'badEmail' | 'noConsent' | 'impliedExpired';
    };

/** Whether a client may be on the newsletter audience today, and if not, why. */
export function newsletterEligibility(
  client: ConsentRecord & { email: string },
  today: Day,
): Eligibility {
  if (!client.newsletter) return { subscribe: false, reason: 'notOptedIn' };
  const email = client.email.trim();
  if (email === '') return { subscribe: false, reason: 'noEmail' };
  if (!isMailchimpEmail(email)) return { subscribe: false, reason: 'badEmail' };
  if (client.consentType === '' || !client.consentDate)
    return { subscribe: false, reason: 'noConsent' };
  if (isImpliedConsentExpired(client, today)) return { subscribe: false, reason: 'impliedExpired' };
  return { subscribe: true };
}
