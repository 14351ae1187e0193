/**
 * Tab "CRM": account manager, referral, newsletter and its consent record, tags, notes with the
 * next follow-up and the computed buying habits, "who might want…", discussions, e-mails.
 */
import type { DiscussionFields, EmailFields } from '../shared/formApi';
import { fieldLabel, t } from '../shared/i18n';
import { fieldId, h } from './dom';
import type { FieldCtx } from './fields';
import { dateField, listField, textField } from './fields';
import type { PanelData } from './panelTypes';
import { repeatable } from './rows';
import { consentGroup } from './consent';
import { buyersSearch, computedHabitsField } from './habits';

/** Tags: one checkbox per tag of the list (plus any tag the client has that the list lost). */
function tagsGroup(ctx: FieldCtx, data: PanelData): HTMLElement {
  const crm = data.record.crm;
  const all = [...data.lists.tags, ...crm.tags.filter((x) => !data.lists.tags.includes(x))];
  const legend = fieldLabel('clients', 'tags', ctx.lang);
  const boxes = all.map((tag, i) => {
    const id = `${fieldId('crm.tags')}-${i}`;
    const box = h('input', { type: 'checkbox', id, value: tag });
    box.checked = crm.tags.includes(tag);
    box.addEventListener('change', () => {
      crm.tags = all.filter((_, j) => boxes[j]?.checked);
      ctx.changed();
    });
    return box;
  });
  const errorId = `${fieldId('crm.tags')}-err`;
  const error = h('div', { class: 'error', id: errorId, hidden: true });
  const group = h(
    'fieldset',
    { class: 'group tags', 'aria-describedby': errorId },
    h('legend', {}, legend),
    ...boxes.map((box) =>
      h('div', { class: 'field check' }, box, h('label', { for: box.id }, box.value)),
    ),
    error,
  );
  ctx.registry.add('crm.tags', { input: group, error, tab: ctx.tab });
  return group;
}

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
  const crm = data.record.crm;
  const { lang } = ctx;
  crm.nextFollowUp ??= null; // left out by the server when blank; always sent back
  const label = (key: string) => fieldLabel('clients', key, lang);
  const note = (key: 'needs' | 'followUp' | 'habits') =>
    textField(ctx, {
      path: `crm.${key}`,
      label: label(key),
      multiline: true,
      get: () => crm[key],
      set: (v) => (crm[key] = v),
    });
  return h(
    'div',
    {},
    listField(ctx, {
      path: 'crm.accountManager',
      label: label('accountManager'),
      values: data.lists.accountManagers,
      get: () => crm.accountManager,
      set: (v) => (crm.accountManager = v),
    }),
    listField(ctx, {
      path: 'crm.referredBy',
      label: label('referredBy'),
      values: data.lists.referralSources,
      get: () => crm.referredBy,
      set: (v) => (crm.referredBy = v),
    }),
    consentGroup(ctx, crm),
    tagsGroup(ctx, data),
    note('needs'),
    note('followUp'),
    dateField(ctx, {
      path: 'crm.nextFollowUp',
      label: label('nextFollowUp'),
      get: () => crm.nextFollowUp ?? null,
      set: (v) => (crm.nextFollowUp = v),
    }),
    // Typed notes and the computed habits side by side: what the team knows, what the invoices say.
    h(
      'div',
      { class: 'habits-pair' },
      note('habits'),
      computedHabitsField(ctx, data.record.computed.computedHabits),
    ),
    buyersSearch(ctx, data.lists),
    discussions(ctx, data),
    emails(ctx, data),
  );
}
