/**
 * Tab "CRM": account manager, referral, newsletter and its consent record, tags, notes with the
 * next follow-up and the computed buying habits (drawn from the contract), then "who might
 * want…", discussions and e-mails (the CRM log's rows, drawn here).
 */
import type { DiscussionFields, EmailFields } from '../shared/formApi';
import { fieldLabel, t } from '../shared/i18n';
import { h } from './dom';
import type { FieldCtx } from './fields';
import { dateField, textField } from './fields';
import type { PanelData } from './panelTypes';
import { tabFields } from './panel';
import { repeatable } from './rows';
import { buyersSearch, computedHabitsField } from './habits';

/**
 * The inputs of one CRM log row (a discussion or an e-mail): its date, then text fields, each
 * labelled with the header and, for screen readers and tests, the row ("Objet — Courriel 2").
 */
function crmRowFields<T extends { date: string }>(
  ctx: FieldCtx,
  row: T,
  path: string,
  rowName: string,
  texts: { key: keyof T & string; label: string; multiline?: boolean }[],
): HTMLElement[] {
  const name = (text: string) => `${text} — ${rowName}`;
  const dateLabel = fieldLabel('crmLog', 'date', ctx.lang);
  const fields = texts.map(({ key, label, multiline = false }) =>
    textField(ctx, {
      path: `${path}.${key}`,
      label,
      ariaLabel: name(label),
      multiline,
      get: () => String(row[key] ?? ''),
      set: (v) => ((row as Record<string, unknown>)[key] = v),
    }),
  );
  return [
    dateField(ctx, {
      path: `${path}.date`,
      label: dateLabel,
      ariaLabel: name(dateLabel),
      get: () => row.date,
      set: (v) => (row.date = v ?? ''),
    }),
    ...fields,
  ];
}

function discussions(ctx: FieldCtx, data: PanelData): HTMLElement {
  const { lang } = ctx;
  const label = (key: string) => fieldLabel('crmLog', key, lang);
  return repeatable<DiscussionFields>(ctx, {
    prefix: 'crm.discussions',
    items: data.record.crm.discussions,
    title: t('discussions', lang),
    legend: (n) => t('discussionN', lang, { n }),
    addLabel: t('addDiscussion', lang),
    create: () => ({ date: ctx.today, people: '', cc: '', subject: '', details: '' }),
    fields: (row, i, n) =>
      crmRowFields(ctx, row, `crm.discussions.${i}`, t('discussionN', lang, { n }), [
        // The sheet has no "people" column: a discussion's people go to From (formApi.ts).
        { key: 'people', label: t('people', lang) },
        { key: 'cc', label: label('cc') },
        { key: 'subject', label: label('subject') },
        { key: 'details', label: label('details'), multiline: true },
      ]),
  });
}

function emails(ctx: FieldCtx, data: PanelData): HTMLElement {
  const { lang } = ctx;
  const label = (key: string) => fieldLabel('crmLog', key, lang);
  return repeatable<EmailFields>(ctx, {
    prefix: 'crm.emails',
    items: data.record.crm.emails,
    title: t('emails', lang),
    legend: (n) => t('emailN', lang, { n }),
    addLabel: t('addEmail', lang),
    create: () => ({ date: ctx.today, from: '', to: '', subject: '' }),
    fields: (row, i, n) =>
      crmRowFields(ctx, row, `crm.emails.${i}`, t('emailN', lang, { n }), [
        { key: 'from', label: label('from') },
        { key: 'to', label: label('to') },
        { key: 'subject', label: label('subject') },
      ]),
  });
}

export function crmPanel(ctx: FieldCtx, data: PanelData): HTMLElement {
  return h(
    'div',
    {},
    ...tabFields(ctx, data, 'crm', {
      decor: {
        consentType: { blankLabel: t('none', ctx.lang) },
        consentSource: { placeholder: t('consentSourcePlaceholder', ctx.lang) },
      },
      // Typed notes and the computed habits side by side: what the team knows, what the
      // invoices say.
      custom: {
        computedHabits: (c, d) => computedHabitsField(c, d.record.computed.computedHabits),
      },
    }),
    buyersSearch(ctx, data.lists),
    discussions(ctx, data),
    emails(ctx, data),
  );
}
