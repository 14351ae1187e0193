/**
 * Data validation rules and their builder, and the criteria enums.
 * https://developers.google.com/apps-script/reference/spreadsheet/data-validation-builder
 * A new rule allows invalid data (shows a warning) unless setAllowInvalid(false):
 * "The default for a new data validation rule is true." (setAllowInvalid, same page).
 */
import type { ValidationData } from '../model';
import { cloneJSON } from '../model';
import { invalidArgument, type Env } from './base';
import {
  CriteriaView,
  argFromScript,
  SHARED_CRITERIA_NAMES,
  addSharedCriteria,
  criteriaEnum,
} from './criteria';

export const DataValidationCriteria = criteriaEnum([
  ...SHARED_CRITERIA_NAMES,
  'DATE_BETWEEN',
  'DATE_IS_VALID_DATE',
  'DATE_NOT_BETWEEN',
  'DATE_ON_OR_AFTER',
  'DATE_ON_OR_BEFORE',
  'TEXT_IS_VALID_EMAIL',
  'TEXT_IS_VALID_URL',
  'VALUE_IN_LIST',
  'VALUE_IN_RANGE',
  'CHECKBOX',
]);

/** What a rule and its builder both read back. */
abstract class ValidationView extends CriteriaView<ValidationData> {
  getAllowInvalid(): boolean {
    return this.data.allowInvalid;
  }
  getHelpText(): string | null {
    return this.data.helpText;
  }
}

export class DataValidationImpl extends ValidationView {
  readonly kind = 'DataValidation';
  copy(): DataValidationBuilderImpl {
    return new DataValidationBuilderImpl(this.env, cloneJSON(this.data));
  }
}

/** requireDateAfter, requireNumberBetween, requireTextContains, …: see addSharedCriteria below. */
export class DataValidationBuilderImpl extends ValidationView {
  readonly kind = 'DataValidationBuilder';

  constructor(env: Env, data?: ValidationData) {
    super(env, data ?? { criteria: '', args: [], allowInvalid: true, helpText: null });
  }

  _criteria(criteria: string, args: unknown[]): this {
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
    return this._criteria(criteria, args);
  }

  requireCheckbox(checkedValue?: unknown, uncheckedValue?: unknown): this {
    const args =
      checkedValue === undefined
        ? []
        : uncheckedValue === undefined
          ? [checkedValue]
          : [checkedValue, uncheckedValue];
    return this._criteria('CHECKBOX', args);
  }
  requireDate(): this {
    return this._criteria('DATE_IS_VALID_DATE', []);
  }
  requireDateBetween(start: Date, end: Date): this {
    return this._criteria('DATE_BETWEEN', [start, end]);
  }
  requireDateNotBetween(start: Date, end: Date): this {
    return this._criteria('DATE_NOT_BETWEEN', [start, end]);
  }
  requireDateOnOrAfter(date: Date): this {
    return this._criteria('DATE_ON_OR_AFTER', [date]);
  }
  requireDateOnOrBefore(date: Date): this {
    return this._criteria('DATE_ON_OR_BEFORE', [date]);
  }
  requireFormulaSatisfied(formula: string): this {
    return this._criteria('CUSTOM_FORMULA', [formula]);
  }
  requireTextIsEmail(): this {
    return this._criteria('TEXT_IS_VALID_EMAIL', []);
  }
  requireTextIsUrl(): this {
    return this._criteria('TEXT_IS_VALID_URL', []);
  }
  /** Criteria values read back as [values, showDropdown]. */
  requireValueInList(values: string[], showDropdown = true): this {
    if (!Array.isArray(values)) throw invalidArgument('values');
    return this._criteria('VALUE_IN_LIST', [values.map(String), showDropdown]);
  }
  requireValueInRange(range: unknown, showDropdown = true): this {
    if (!range || typeof range !== 'object' || !('_ref' in range)) throw invalidArgument('range');
    return this._criteria('VALUE_IN_RANGE', [range, showDropdown]);
  }
}
addSharedCriteria(DataValidationBuilderImpl.prototype, 'require');
