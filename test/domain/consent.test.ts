import {
  consentIssues,
  impliedConsentLastDay,
  isImpliedConsentExpired,
  isMailchimpEmail,
  newsletterEligibility,
} from '../../src/domain/consent';

describe('implied consent lasts two years (CASL s. 10(10))', () => {
  test('the last day is the same date two years later; 29 February ends on 28 February', () => {
    expect(impliedConsentLastDay('2024-11-15')).toBe('2026-11-15');
    expect(impliedConsentLastDay('2024-02-29')).toBe('2026-02-28');
  });

  test('expired the day after its last day, never for express consent', () => {
    const implied = { consentType: 'implied' as const, consentDate: '2024-11-15' };
    expect(isImpliedConsentExpired(implied, '2026-11-15')).toBe(false);
    expect(isImpliedConsentExpired(implied, '2026-11-16')).toBe(true);
    expect(
      isImpliedConsentExpired({ consentType: 'express', consentDate: '2001-01-01' }, '2026-11-16'),
    ).toBe(false);
    expect(
      isImpliedConsentExpired({ consentType: 'implied', consentDate: null }, '2026-11-16'),
    ).toBe(false);
  });
});

describe('consentIssues', () => {
  const base = { newsletter: true, consentType: '' as const, consentDate: null, consentSource: '' };

  test('a ticked newsletter needs a type and a date', () => {
    expect(consentIssues(base, '2026-11-15')).toEqual([
      { field: 'consentType', issue: 'consentTypeRequired' },
      { field: 'consentDate', issue: 'consentDateRequired' },
    ]);
    expect(
      consentIssues({ ...base, consentType: 'express', consentDate: '2026-01-01' }, '2026-11-15'),
    ).toEqual([]);
  });

  test('an unticked newsletter needs nothing; a future consent date is refused when today is known', () => {
    expect(consentIssues({ ...base, newsletter: false }, '2026-11-15')).toEqual([]);
    expect(
      consentIssues({ ...base, consentType: 'express', consentDate: '2026-12-01' }, '2026-11-15'),
    ).toEqual([{ field: 'consentDate', issue: 'consentDateFuture' }]);
    expect(
      consentIssues({ ...base, consentType: 'express', consentDate: '2026-12-01' }, null),
    ).toEqual([]);
  });
});

describe('newsletterEligibility', () => {
  const ok = {
    newsletter: true,
    email: 'anne@bellevue.qc.ca',
    consentType: 'express' as const,
    consentDate: '2025-01-10',
    consentSource: 'web',
  };
  const today = '2026-11-15';

  test('opted in with a consent record and a valid address: subscribe', () => {
    expect(newsletterEligibility(ok, today)).toEqual({ subscribe: true });
  });

  test.each([
    [{ newsletter: false }, 'notOptedIn'],
    [{ email: '  ' }, 'noEmail'],
    [{ email: 'anne@bellevue' }, 'badEmail'],
    [{ email: 'andré@bellevue.qc.ca' }, 'badEmail'],
    [{ consentType: '' as const }, 'noConsent'],
    [{ consentDate: null }, 'noConsent'],
    [{ consentType: 'implied' as const, consentDate: '2024-11-14' }, 'impliedExpired'],
  ])('%j → %s', (change, reason) => {
    expect(newsletterEligibility({ ...ok, ...change }, today)).toEqual({
      subscribe: false,
      reason,
    });
  });

  test('Mailchimp addresses: international characters only after the @', () => {
    expect(isMailchimpEmail('info@café.ca')).toBe(true);
    expect(isMailchimpEmail('o.brien+news@example.com')).toBe(true);
    expect(isMailchimpEmail('a b@example.com')).toBe(false);
    expect(isMailchimpEmail('a@b@example.com')).toBe(false);
  });
});
