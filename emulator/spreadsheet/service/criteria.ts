/**
 * What data validation rules and conditional format rules share: criteria arguments (stored
 * JSON-safe, handed to scripts as Dates and Ranges), the read side of a rule's criteria, and the
 * criteria both builders set the same way under two prefixes: requireNumberBetween on
 * DataValidationBuilder, whenNumberBetween on ConditionalFormatRuleBuilder, and so on.
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
 */
import type { CriteriaArg, GridRef } from '../model';
import { isDate } from '../model';
import { dateToSerial, serialToDate } from '../values';
import { Service, factories, type Env } from './base';

/** Script-side value of a stored criteria argument: ranges become Range objects, dates Dates. */
export function argToScript(env: Env, arg: CriteriaArg): unknown {
  if (Array.isArray(arg)) return [...arg];
  if (arg && typeof arg === 'object') {
    if ('date' in arg) return serialToDate(arg.date, env.doc.timeZone);
    const ref: GridRef = arg.ref;
    const sheet = env.doc.sheetById(ref.sheetId);
    if (!sheet) return null;
    return factories.range(env, sheet, ref);
  }
  return arg;
}

/** Stored form of a script-side argument. */
export function argFromScript(env: Env, v: unknown): CriteriaArg {
  if (isDate(v)) return { date: dateToSerial(v, env.doc.timeZone) };
  if (Array.isArray(v)) return v.map((x) => String(x));
  if (
    v &&
    typeof v === 'object' &&
    '_ref' in v &&
    typeof (v as { _ref: unknown })._ref === 'function'
  )
    return { ref: (v as { _ref(): GridRef })._ref() };
  if (v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null)
    return v;
  return String(v);
}

/** A rule's criteria as scripts read them (DataValidation, BooleanCondition). */
export abstract class CriteriaView<
  D extends { criteria: string; args: CriteriaArg[] },
> extends Service {
  constructor(
    env: Env,
    readonly data: D,
  ) {
    super(env);
  }
  getCriteriaType(): string {
    return this.data.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.data.args.map((a) => argToScript(this.env, a));
  }
}

/** Criteria both builders offer, by method name without its prefix. */
const SHARED_CRITERIA = {
  DateAfter: 'DATE_AFTER',
  DateBefore: 'DATE_BEFORE',
  DateEqualTo: 'DATE_EQUAL_TO',
  NumberBetween: 'NUMBER_BETWEEN',
  NumberNotBetween: 'NUMBER_NOT_BETWEEN',
  NumberEqualTo: 'NUMBER_EQUAL_TO',
  NumberNotEqualTo: 'NUMBER_NOT_EQUAL_TO',
  NumberGreaterThan: 'NUMBER_GREATER_THAN',
  NumberGreaterThanOrEqualTo: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NumberLessThan: 'NUMBER_LESS_THAN',
  NumberLessThanOrEqualTo: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  TextContains: 'TEXT_CONTAINS',
  TextDoesNotContain: 'TEXT_DOES_NOT_CONTAIN',
  TextEqualTo: 'TEXT_EQUAL_TO',
} as const;

/** The criteria names both enums have: the shared ones and a custom formula. */
export const SHARED_CRITERIA_NAMES: readonly string[] = [
  ...Object.values(SHARED_CRITERIA),
  'CUSTOM_FORMULA',
];

/** A frozen enum object whose values are their own names, as SpreadsheetApp's enums read. */
export function criteriaEnum(names: readonly string[]): Readonly<Record<string, string>> {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n])));
}

/** A builder sets criteria through this (underscored: not a script-visible, counted call). */
export interface CriteriaSetter {
  _criteria(criteria: string, args: unknown[]): unknown;
}

/**
 * Adds `${prefix}${name}(…args)` for every shared criterion to a builder's prototype. Scripts
 * call them through the Apps Script types (GoogleAppsScript.Spreadsheet.*Builder), so the
 * emulator's classes do not declare them.
 */
export function addSharedCriteria(proto: CriteriaSetter, prefix: 'require' | 'when'): void {
  for (const [name, criteria] of Object.entries(SHARED_CRITERIA))
    Object.defineProperty(proto, `${prefix}${name}`, {
      value(this: CriteriaSetter, ...args: unknown[]): unknown {
        return this._criteria(criteria, args);
      },
      writable: true,
      configurable: true,
    });
}
