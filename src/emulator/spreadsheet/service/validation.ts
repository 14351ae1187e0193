/**
 * Data validation rules and their builder, and the criteria enums.
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * A new rule allows invalid data (shows a warning) unless setAllowInvalid(false):
 * "The default for a new data validation rule is true." (setAllowInvalid, same page).
 */
import type { CriteriaArg, GridRef, ValidationData } from '../model';
import { cloneJSON, isDate } from '../model';
import { dateToSerial, serialToDate } from '../values';
import { Service, factories, invalidArgument, type Env } from './base';

export const DataValidationCriteria = Object.freeze({
  DATE_AFTER: 'DATE_AFTER',
  DATE_BEFORE: 'DATE_BEFORE',
  DATE_BETWEEN: 'DATE_BETWEEN',
  DATE_EQUAL_TO: 'DATE_EQUAL_TO',
  DATE_IS_VALID_DATE: 'DATE_IS_VALID_DATE',
  DATE_NOT_BETWEEN: 'DATE_NOT_BETWEEN',
  DATE_ON_OR_AFTER: 'DATE_ON_OR_AFTER',
  DATE_ON_OR_BEFORE: 'DATE_ON_OR_BEFORE',
  NUMBER_BETWEEN: 'NUMBER_BETWEEN',
  NUMBER_EQUAL_TO: 'NUMBER_EQUAL_TO',
  NUMBER_GREATER_THAN: 'NUMBER_GREATER_THAN',
  NUMBER_GREATER_THAN_OR_EQUAL_TO: 'NUMBER_GREATER_THAN_OR_EQUAL_TO',
  NUMBER_LESS_THAN: 'NUMBER_LESS_THAN',
  NUMBER_LESS_THAN_OR_EQUAL_TO: 'NUMBER_LESS_THAN_OR_EQUAL_TO',
  NUMBER_NOT_BETWEEN: 'NUMBER_NOT_BETWEEN',
  NUMBER_NOT_EQUAL_TO: 'NUMBER_NOT_EQUAL_TO',
  TEXT_CONTAINS: 'TEXT_CONTAINS',
  TEXT_DOES_NOT_CONTAIN: 'TEXT_DOES_NOT_CONTAIN',
  TEXT_EQUAL_TO: 'TEXT_EQUAL_TO',
  TEXT_IS_VALID_EMAIL: 'TEXT_IS_VALID_EMAIL',
  TEXT_IS_VALID_URL: 'TEXT_IS_VALID_URL',
  VALUE_IN_LIST: 'VALUE_IN_LIST',
  VALUE_IN_RANGE: 'VALUE_IN_RANGE',
  CUSTOM_FORMULA: 'CUSTOM_FORMULA',
  CHECKBOX: 'CHECKBOX',
});

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

export class DataValidationImpl extends Service {
  readonly kind = 'DataValidation';
  constructor(
    env: Env,
    readonly data: ValidationData,
  ) {
    super(env);
  }
  getCriteriaType(): string {
    return this.data.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.data.args.map((a) => argToScript(this.env, a));
  }
  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }
  getHelpText(): string | null {
    return this.data.helpText;
  }
  copy(): DataValidationBuilderImpl {
    return new DataValidationBuilderImpl(this.env, cloneJSON(this.data));
  }
}

export class DataValidationBuilderImpl extends Service {
  readonly kind = 'DataValidationBuilder';
  private data: ValidationData;

  constructor(env: Env, data?: ValidationData) {
    super(env);
    this.data = data ?? { criteria: '', args: [], allowInvalid: true, helpText: null };
  }

  private set(criteria: string, args: unknown[]): this {
    this.data.criteria = criteria;
    this.data.args = args.map((a) => argFromScript(this.env, a));
    return this;
  }

  build(): DataValidationImpl {
    if (!this.data.criteria) throw new Error('Emulator: a data validation rule needs a criteria');
    return new DataValidationImpl(this.env, cloneJSON(this.data));
  }
  copy(): DataValidationBuilderImpl {
    return new DataValidationBuilderImpl(this.env, cloneJSON(this.data));
  }
  getCriteriaType(): string {
    return this.data.criteria;
  }
  getCriteriaValues(): unknown[] {
    return this.data.args.map((a) => argToScript(this.env, a));
  }
  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }
  getHelpText(): string | null {
    return this.data.helpText;
  }
  setAllowInvalid(allowInvalidData: boolean): this {
    this.data.allowInvalid = Boolean(allowInvalidData);
    return this;
  }
  setHelpText(helpText: string): this {
    this.data.helpText = String(helpText);
    return this;
  }
  withCriteria(criteria: string, args: unknown[]): this {
    if (!(criteria in DataValidationCriteria)) throw invalidArgument('criteria');
    return this.set(criteria, args);
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this.set('CHECKBOX', args);
  }
  requireDate(): this {
    return this.set('DATE_IS_VALID_DATE', []);
  }
  requireDateAfter(date: Date): this {
    return this.set('DATE_AFTER', [date]);
  }
  requireDateBefore(date: Date): this {
    return this.set('DATE_BEFORE', [date]);
  }
  requireDateBetween(start: Date, end: Date): this {
    return this.set('DATE_BETWEEN', [start, end]);
  }
  requireDateNotBetween(start: Date, end: Date): this {
    return this.set('DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateEqualTo(date: Date): this {
    return this.set('DATE_EQUAL_TO', [date]);
  }
  requireDateOnOrAfter(date: Date): this {
    return this.set('DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: Date): this {
    return this.set('DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): this {
    return this.set('CUSTOM_FORMULA', [formula]);
  }
  requireNumberBetween(start: number, end: number): this {
    return this.set('NUMBER_BETWEEN', [start, end]);
  }
  requireNumberNotBetween(start: number, end: number): this {
    return this.set('NUMBER_NOT_BETWEEN', [start, end]);
  }
  requireNumberEqualTo(n: number): this {
    return this.set('NUMBER_EQUAL_TO', [n]);
  }
  requireNumberNotEqualTo(n: number): this {
    return this.set('NUMBER_NOT_EQUAL_TO', [n]);
  }
  requireNumberGreaterThan(n: number): this {
    return this.set('NUMBER_GREATER_THAN', [n]);
  }
  requireNumberGreaterThanOrEqualTo(n: number): this {
    return this.set('NUMBER_GREATER_THAN_OR_EQUAL_TO', [n]);
  }
  requireNumberLessThan(n: number): this {
    return this.set('NUMBER_LESS_THAN', [n]);
  }
  requireNumberLessThanOrEqualTo(n: number): this {
    return this.set('NUMBER_LESS_THAN_OR_EQUAL_TO', [n]);
  }
  requireTextContains(text: string): this {
    return this.set('TEXT_CONTAINS', [text]);
  }
  requireTextDoesNotContain(text: string): this {
    return this.set('TEXT_DOES_NOT_CONTAIN', [text]);
  }
  requireTextEqualTo(text: string): this {
    return this.set('TEXT_EQUAL_TO', [text]);
  }
  requireTextIsEmail(): this {
    return this.set('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this.set('TEXT_IS_VALID_URL', []);
  }
  /** Criteria values read back as [values, showDropdown]. */
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values)) throw invalidArgument('values');
    return this.set('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: unknown, showDropdown = true): this {
    if (!range || typeof range !== 'object' || !('_ref' in range)) throw invalidArgument('range');
    return this.set('VALUE_IN_RANGE', [range, showDropdown]);
  }
}
