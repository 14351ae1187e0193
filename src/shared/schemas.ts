/**
 * zod schemas of the form payloads (formApi.ts), shared by the sidebar (field errors before
 * sending) and the server (which re-validates everything: the payload comes from a browser).
 *
 * zod/mini: the same validation as `zod` with a tree-shakable API, so the sidebar stays small.
 * Unknown keys are stripped (z.object copies only the declared keys into a fresh object, so a
 * `__proto__` or `constructor` key in the payload never reaches a prototype).
 */
import * as z from 'zod/mini';
import { CHOICES, LIMITS, type ColumnDef, type Lang } from './contract';
import type {
  AgreementFields,
  ClientRecord,
  ComputedFields,
  CrmFields,
  FieldError,
  FieldsOf,
  FormOpenRequest,
  FormSaveRequest,
  FormSection,
  GeneralFields,
} from './formApi';
import { blankSection, fieldsIn, isBlank } from './formFields';
import { t } from './i18n';
import { consentIssues } from '../domain/consent';
import { formatField, NEW_CLIENT_DEFAULTS, type FormatProblem } from './formats';

// zod compiles object parsers with `new Function` unless jitless; neither Apps Script's
// sandbox nor HtmlService's iframe CSP is a place to rely on eval.
// https://zod.dev/packages/core#config (jitless)
z.config({ jitless: true });

/** Caps: a Sheets cell holds at most 50,000 characters; most fields need far less (contract.ts). */
export { LIMITS };

/**
 * A save travels through google.script.run, for which Google publishes no size limit; a record
 * of 2,000 CRM rows of ordinary length is well under 1 MB. Past this, the page and the server
 * refuse it with a message in the workbook language rather than let Apps Script fail on it
 * with an unclear error (a 100 MB request used to be accepted; decision 019).
 */
export const MAX_REQUEST_CHARS = 5_000_000;

/** The request's size as JSON text (what crosses google.script.run); 0 if it is not JSON. */
function requestChars(input: unknown): number {
  try {
    return JSON.stringify(input)?.length ?? 0;
  } catch {
    return 0; // a cycle or a BigInt: the schema refuses it
  }
}

/** Custom issues carry the i18n key of their message in `params.msg`. */
type CustomMsg =
  | 'controlChars'
  | 'noComma'
  | 'badDate'
  | 'badEmail'
  | 'consentTypeRequired'
  | 'consentDateRequired'
  | 'formulaCode'
  | 'semicolonCode'
  | 'periodBackwards'
  | FormatProblem;
const CUSTOM_MSGS: readonly string[] = [
  'badPostalCode',
  'badPhone',
  'badProvince',
  'controlChars',
  'noComma',
  'badDate',
  'badEmail',
  'consentTypeRequired',
  'consentDateRequired',
  'formulaCode',
  'semicolonCode',
  'periodBackwards',
] satisfies CustomMsg[];

function fail(msg: CustomMsg) {
  return { params: { msg } };
}

function hasControlChar(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x20 || c === 0x7f) return true;
  }
  return false;
}

/** Strict 'YYYY-MM-DD' naming a real day (no 2025-02-30). */
export function isIsoDay(s: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  return (
    y >= 1 &&
    date.getUTCFullYear() === y &&
    date.getUTCMonth() === mo - 1 &&
    date.getUTCDate() === d
  );
}

// Deliberately simple: something@domain.tld, no spaces. Full RFC 5322 is not the point.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * A schema built the first time it is used. Apps Script evaluates the whole bundle for every
 * execution (each trigger, menu item and sidebar call), and building zod schemas is most of that
 * evaluation (2.3 of 4.3 ms in the emulator, all of it cold code), while only the form's calls
 * validate anything.
 */
function once<T>(build: () => T): () => T {
  let built: T | undefined;
  return () => (built ??= build());
}

const text = (max: number = LIMITS.text) => z.string().check(z.maxLength(max));
const requiredText = (max: number = LIMITS.text) =>
  z.string().check(z.trim(), z.minLength(1), z.maxLength(max));
const day = once(() => z.string().check(z.refine(isIsoDay, fail('badDate'))));
const optionalDay = once(() => z.nullable(day()));
const clientCodeSchema = once(() =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(LIMITS.code),
    z.refine((s) => !hasControlChar(s), fail('controlChars')),
  ),
);

/**
 * A code saved from the form: one that Sheets would read as a formula when typed (a leading
 * = + - or @) is refused. Written with the text mark it would stay text, but every person who
 * retypes or pastes it in a sheet (an invoice import, the CRM log) would create a formula.
 * A `;` is refused too: it is the list separator of Excel on French-Canadian Windows, which
 * splits a CSV line at it, so a code like `K;=1+1` would open as a formula there.
 */
const savedClientCodeSchema = once(() =>
  clientCodeSchema().check(
    z.refine((s) => !/^\s*[=+\-@]/.test(s), fail('formulaCode')),
    z.refine((s) => !s.includes(';'), fail('semicolonCode')),
  ),
);

const email = () =>
  z.string().check(
    z.trim(),
    z.maxLength(320),
    z.refine((s) => s === '' || EMAIL.test(s), fail('badEmail')),
  );

const tag = () =>
  z.string().check(
    z.trim(),
    z.minLength(1),
    z.maxLength(LIMITS.tag),
    z.refine((s) => !s.includes(','), fail('noComma')),
  );

/** Fields checked by hand rather than by their kind (the client code: the key of every sheet). */
const SPECIAL: Readonly<Record<string, () => z.ZodMiniType>> = { code: savedClientCodeSchema };

/** A field's schema, from its column: kind, limits, required, choices, widget. */
function fieldSchema(column: ColumnDef): z.ZodMiniType {
  const special = SPECIAL[column.key];
  if (special) return special();
  const max = column.max;
  let schema: z.ZodMiniType;
  if (column.multi) schema = z.array(tag()).check(z.maxLength(LIMITS.tags));
  else
    switch (column.kind) {
      case 'checkbox':
        schema = z.boolean();
        break;
      case 'number':
      case 'money':
      case 'percent': {
        // A percent is a number 0–100 (contract.ts), not a fraction.
        const min = column.min ?? (column.kind === 'percent' ? 0 : undefined);
        const top = max ?? (column.kind === 'percent' ? 100 : undefined);
        const checks = [
          ...(min === undefined ? [] : [z.gte(min)]),
          ...(top === undefined ? [] : [z.lte(top)]),
        ];
        const number = column.int ? z.int().check(...checks) : z.number().check(...checks);
        schema = column.required ? number : z.nullable(number);
        break;
      }
      case 'date':
        if (column.instant) schema = text(max ?? 64);
        else schema = column.required ? day() : optionalDay();
        break;
      case 'choice': {
        const values = (column.choices ? CHOICES[column.choices] : []).map((c) => c.value);
        schema = z.enum(column.required ? values : [...values, '']);
        break;
      }
      default:
        if (column.form?.widget === 'email') schema = email();
        else schema = column.required ? requiredText(max) : text(max);
    }
  return column.form?.optional ? z.optional(schema) : schema;
}

/** The shape of a section's fields (formFields.ts): one schema per field. */
function sectionShape(section: FormSection): Record<string, z.ZodMiniType> {
  const shape: Record<string, z.ZodMiniType> = {};
  for (const { column } of fieldsIn(section)) shape[column.key] = fieldSchema(column);
  return shape;
}

/** A blank computed section: what a new client shows, and what a malformed one becomes. */
function emptyComputed(): ComputedFields {
  const blank = blankSection('computed');
  // Optional computed fields are absent when blank, as the server sends them.
  for (const { column } of fieldsIn('computed'))
    if (column.form.optional && isBlank(blank[column.key])) delete blank[column.key];
  return { ...(blank as FieldsOf<'computed'>), hasInvoices: false };
}

/**
 * The record's schema, built from the contract the first time a save is checked (`once`): its
 * hundred field schemas cost about 3 ms.
 */
function buildRecordSchema() {
  // The section schemas are built from the contract at run time; their types are the record's
  // (formApi.ts FieldsOf), which the same contract gives at compile time.
  const generalSchema = z.object(sectionShape('general')) as unknown as z.ZodMiniType<
    FieldsOf<'general'>
  >;

  const termsSchema = z.object(sectionShape('terms')) as unknown as z.ZodMiniType<
    FieldsOf<'terms'>
  >;

  const origin = z.optional(z.int().check(z.gte(0), z.lte(100_000)));

  const agreementSchema = (
    z.object({
      ...sectionShape('salespeople'),
      origin,
    }) as unknown as z.ZodMiniType<AgreementFields>
  ).check(
    // An agreement's period runs forward: To before From would pay nothing (the commission run
    // reports such a row typed by hand; the form refuses it at the field).
    z.superRefine((a: AgreementFields, ctx) => {
      const from = a.startDate ?? null;
      const to = a.endDate ?? null;
      // An unreadable day has its own message already.
      if (from === null || to === null || !isIsoDay(from) || !isIsoDay(to) || from <= to) return;
      ctx.issues.push({
        code: 'custom',
        path: ['endDate'],
        input: to,
        message: 'periodBackwards',
        params: { msg: 'periodBackwards' },
      });
    }),
  );

  const discussionSchema = z.object({
    date: day(),
    people: text(),
    cc: text(),
    subject: text(),
    details: text(LIMITS.longText),
    origin,
  });

  const emailSchema = z.object({
    date: day(),
    from: text(),
    to: text(),
    subject: text(),
    origin,
  });

  const crmSchema = (
    z.object({
      ...sectionShape('crm'),
      discussions: z.array(discussionSchema).check(z.maxLength(LIMITS.crmRows)),
      emails: z.array(emailSchema).check(z.maxLength(LIMITS.crmRows)),
    }) as unknown as z.ZodMiniType<CrmFields>
  ).check(
    // CASL: a ticked newsletter must be backed by a consent record (type and date). Only
    // checked when the payload carries the consent fields (an older form sends none).
    z.superRefine((crm: CrmFields, ctx) => {
      if (!crm.newsletter || crm.consentType === undefined) return;
      for (const issue of consentIssues(
        {
          newsletter: crm.newsletter,
          consentType: crm.consentType,
          consentDate: crm.consentDate ?? null,
          consentSource: crm.consentSource ?? '',
        },
        null,
      ))
        ctx.issues.push({
          code: 'custom',
          path: [issue.field],
          input: crm[issue.field],
          message: issue.issue,
          params: { msg: issue.issue },
        });
    }),
  );

  /** Read-only fields, ignored on save: whatever arrives never blocks a save. */
  const computedSchema = z.catch(
    z.object({
      ...sectionShape('computed'),
      hasInvoices: z.boolean(),
    }) as unknown as z.ZodMiniType<ComputedFields>,
    emptyComputed,
  );

  return z.object({
    version: text(64),
    general: generalSchema,
    terms: termsSchema,
    salespeople: z.array(agreementSchema).check(z.maxLength(LIMITS.agreements)),
    crm: crmSchema,
    computed: computedSchema,
  });
}

/** Copies the template's keys from `value` when they hold a plain value (strings capped). */
function pick<T extends object>(template: T, value: unknown): T {
  const out = { ...template } as Record<string, unknown>;
  if (!value || typeof value !== 'object' || Array.isArray(value)) return out as T;
  const from = value as Record<string, unknown>;
  // Keys come from the template, never from the payload: no __proto__ or constructor.
  for (const key of Object.keys(template)) {
    const v = from[key];
    if (typeof v === 'string') out[key] = v.slice(0, LIMITS.longText);
    else if (v === null || typeof v === 'number' || typeof v === 'boolean') out[key] = v;
    // A multi-value field (the tags): its strings, capped.
    else if (Array.isArray(out[key]) && Array.isArray(v))
      out[key] = v.filter((x): x is string => typeof x === 'string').slice(0, LIMITS.tags);
  }
  return out as T;
}

function pickList<T extends object>(template: T, value: unknown, max: number): T[] {
  return Array.isArray(value) ? value.slice(0, max).map((v) => pick(template, v)) : [];
}

/**
 * The record as the form loaded it, read for its shape only (`FormSaveRequest.original`):
 * known keys with plain values, lists capped; anything else takes the blank record's value.
 * undefined when it is not an object at all.
 */
export function looseRecord(value: unknown): ClientRecord | undefined {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return undefined;
  const v = value as Record<string, unknown>;
  const blank = emptyClientRecord();
  const crm = (v.crm ?? {}) as Record<string, unknown>;
  const { discussions: _d, emails: _e, ...crmFields } = blank.crm;
  return {
    version: typeof v.version === 'string' ? v.version.slice(0, 64) : '',
    general: pick(blank.general, v.general),
    terms: pick(blank.terms, v.terms),
    salespeople: pickList(
      blankSection('salespeople') as AgreementFields,
      v.salespeople,
      LIMITS.agreements,
    ),
    crm: {
      ...pick(crmFields, crm),
      discussions: pickList(
        { date: '', people: '', cc: '', subject: '', details: '' },
        crm.discussions,
        LIMITS.crmRows,
      ),
      emails: pickList({ date: '', from: '', to: '', subject: '' }, crm.emails, LIMITS.crmRows),
    },
    computed: blank.computed,
  };
}

/** The General fields with a Quebec / Canadian format (contract.ts ColumnDef.format). */
const FORMATTED = fieldsIn('general').filter((f) => f.column.format);

/**
 * The formatted fields of a save in their format (postal code `A1A 1A1`, phone `514 555-0101`,
 * province code), or an issue on the field. Only what the person typed: a field still as the
 * form loaded it (`original`) is left as the sheet holds it, neither rewritten nor refused (a
 * read never rewrites a hand-typed cell; the form shows a warning next to it instead).
 */
function withFormats(request: FormSaveRequest, ctx: z.core.ParsePayload): FormSaveRequest {
  const general = { ...request.record.general } as Record<string, unknown>;
  const loaded = request.original?.general as Record<string, unknown> | undefined;
  const country = String(general.country ?? '');
  for (const { column } of FORMATTED) {
    const value = general[column.key];
    if (typeof value !== 'string') continue;
    if (loaded && loaded[column.key] === value) continue;
    const formatted = formatField(column.format!, value, country);
    if (formatted.ok) general[column.key] = formatted.value;
    else
      ctx.issues.push({
        code: 'custom',
        path: ['record', 'general', column.key],
        input: value,
        message: formatted.problem,
        params: { msg: formatted.problem },
      });
  }
  return { ...request, record: { ...request.record, general: general as GeneralFields } };
}

const saveRequestSchema = once(() =>
  z.pipe(
    z.object({
      record: buildRecordSchema(),
      isNew: z.boolean(),
      autoCode: z.optional(z.boolean()),
      // The loaded record holds what the sheet held (a rate over 100 typed by hand, an address
      // without @): read for its shape only, so such a client can still be saved.
      original: z.optional(z.pipe(z.unknown(), z.transform(looseRecord))),
      confirmInactive: z.optional(z.boolean()),
    }),
    z.transform(withFormats),
  ),
);

const openRequestSchema = once(() =>
  z.object({
    code: z.optional(clientCodeSchema()),
    row: z.optional(z.int().check(z.gte(1))),
  }),
);

// The hand-written contract (formApi.ts) and the schemas must describe the same data.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const sameSave: Same<z.output<ReturnType<typeof saveRequestSchema>>, FormSaveRequest> = true;
const sameOpen: Same<z.output<ReturnType<typeof openRequestSchema>>, FormOpenRequest> = true;
void sameSave;
void sameOpen;

// ---------------------------------------------------------------- messages

type Issue = z.core.$ZodIssue;

/** One zod issue as a sentence in the user's language. */
export function issueMessage(issue: Issue, lang: Lang): string {
  switch (issue.code) {
    case 'invalid_type':
      if (issue.input === undefined || issue.input === null) return t('required', lang);
      if (issue.expected === 'int') return t('notInteger', lang);
      if (issue.expected === 'number') return t('notNumber', lang);
      return t('invalid', lang);
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return t('required', lang);
      if (issue.origin === 'number') return t('atLeast', lang, { n: Number(issue.minimum) });
      return t('invalid', lang);
    case 'too_big':
      if (issue.origin === 'string') return t('tooLong', lang, { n: Number(issue.maximum) });
      if (issue.origin === 'array') return t('tooMany', lang, { n: Number(issue.maximum) });
      if (issue.origin === 'number') return t('atMost', lang, { n: Number(issue.maximum) });
      return t('invalid', lang);
    case 'invalid_value':
      return t('badChoice', lang);
    case 'invalid_format':
      if (issue.format === 'int' || issue.format === 'safeint') return t('notInteger', lang);
      return t('invalid', lang);
    case 'custom': {
      const msg: unknown = issue.params?.msg;
      if (typeof msg === 'string' && CUSTOM_MSGS.includes(msg)) return t(msg as CustomMsg, lang);
      return t('invalid', lang);
    }
    default:
      return t('invalid', lang);
  }
}

function toFieldErrors(issues: readonly Issue[], lang: Lang, prefix = ''): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of issues) {
    const path = prefix + issue.path.map(String).join('.');
    if (seen.has(path)) continue; // one message per field is enough
    seen.add(path);
    errors.push({ path, message: issueMessage(issue, lang) });
  }
  return errors;
}

export type Validation<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

/** Validates a formSave payload; errors name fields as in ClientRecord ('general.code'). */
export function validateSaveRequest(input: unknown, lang: Lang): Validation<FormSaveRequest> {
  const chars = requestChars(input);
  if (chars > MAX_REQUEST_CHARS)
    return {
      ok: false,
      errors: [
        {
          path: '',
          message: t('requestTooLarge', lang, {
            size: Math.ceil(chars / 1_000_000),
            max: MAX_REQUEST_CHARS / 1_000_000,
          }),
        },
      ],
    };
  const result = z.safeParse(saveRequestSchema(), input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  // The sidebar shows errors by record path: drop the leading 'record.'.
  const errors = toFieldErrors(result.error.issues, lang).map((e) => ({
    ...e,
    path: e.path.replace(/^record\./, ''),
  }));
  return { ok: false, errors };
}

/** Validates a formOpen request (server side). */
export function validateOpenRequest(input: unknown, lang: Lang): Validation<FormOpenRequest> {
  const result = z.safeParse(openRequestSchema(), input ?? {}, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues, lang) };
}

/** Validates a client code (formLoad's argument); returns the trimmed code. */
export function validateClientCode(input: unknown, lang: Lang): Validation<string> {
  const result = z.safeParse(clientCodeSchema(), input, { reportInput: true });
  if (result.success) return { ok: true, value: result.data };
  return { ok: false, errors: toFieldErrors(result.error.issues, lang, 'general.code') };
}

/** A blank client as the form starts a new one (every tab but Général optional). */
export function emptyClientRecord(code = ''): ClientRecord {
  return {
    version: '',
    general: { ...(blankSection('general') as FieldsOf<'general'>), code },
    terms: blankSection('terms') as FieldsOf<'terms'>,
    salespeople: [],
    crm: { ...(blankSection('crm') as FieldsOf<'crm'>), discussions: [], emails: [] },
    computed: emptyComputed(),
  };
}

/**
 * A new client as the form starts it: the workbook's defaults (decision 021: province QC, country
 * Canada, the workbook's language), everything else blank.
 */
export function newClientRecord(code: string, lang: Lang): ClientRecord {
  const record = emptyClientRecord(code);
  record.general = { ...record.general, ...NEW_CLIENT_DEFAULTS, language: lang };
  return record;
}

/**
 * Why the form would refuse `code` as a client code (the first reason, in `lang`), or null.
 * For imports that must refuse what the form refuses (preview CSV import).
 */
export function clientCodeProblem(code: string, lang: Lang): string | null {
  const result = z.safeParse(savedClientCodeSchema(), code, { reportInput: true });
  return result.success ? null : issueMessage(result.error.issues[0]!, lang);
}
