/**
 * Conditional format rules (boolean conditions only), kept so they round-trip through
 * getConditionalFormatRules/setConditionalFormatRules; the emulator does not paint cells.
 * https://developers.google.com/apps-script/reference/spreadsheet/conditional-format-rule-builder
 */
import type { ConditionalRuleData, GridRef } from '../model';
import { cloneJSON } from '../model';
import { Service, factories, invalidArgument, normalizeColor, type Env } from './base';
import {
  CriteriaView,
  SHARED_CRITERIA_NAMES,
  addSharedCriteria,
  argFromScript,
  criteriaEnum,
} from './criteria';

export const BooleanCriteria = criteriaEnum([
  ...SHARED_CRITERIA_NAMES,
  'CELL_EMPTY',
  'CELL_NOT_EMPTY',
  'DATE_NOT_EQUAL_TO',
  'DATE_AFTER_RELATIVE',
  'DATE_BEFORE_RELATIVE',
  'DATE_EQUAL_TO_RELATIVE',
  'TEXT_ENDS_WITH',
  'TEXT_NOT_EQUAL_TO',
  'TEXT_STARTS_WITH',
]);

function emptyRule(): ConditionalRuleData {
  return {
    ranges: [],
    criteria: '',
    args: [],
    background: null,
    fontColor: null,
    bold: null,
    italic: null,
    strikethrough: null,
    underline: null,
  };
}

export class BooleanConditionImpl extends CriteriaView<ConditionalRuleData> {
  readonly kind = 'BooleanCondition';
  getBackground(): string | null {
    return this.data.background;
  }
  getFontColor(): string | null {
    return this.data.fontColor;
  }
  getBold(): boolean | null {
    return this.data.bold;
  }
  getItalic(): boolean | null {
    return this.data.italic;
  }
  getStrikethrough(): boolean | null {
    return this.data.strikethrough;
  }
  getUnderline(): boolean | null {
    return this.data.underline;
  }
}

function rangesOf(env: Env, refs: GridRef[]): Service[] {
  return refs.flatMap((ref) => {
    const sheet = env.doc.sheetById(ref.sheetId);
    return sheet ? [factories.range(env, sheet, ref)] : [];
  });
}

export class ConditionalFormatRuleImpl extends Service {
  readonly kind = 'ConditionalFormatRule';
  constructor(
    env: Env,
    readonly data: ConditionalRuleData,
  ) {
    super(env);
  }
  getRanges(): Service[] {
    return rangesOf(this.env, this.data.ranges);
  }
  getBooleanCondition(): BooleanConditionImpl | null {
    return this.data.criteria ? new BooleanConditionImpl(this.env, cloneJSON(this.data)) : null;
  }
  getGradientCondition(): null {
    return null;
  }
  copy(): ConditionalFormatRuleBuilderImpl {
    return new ConditionalFormatRuleBuilderImpl(this.env, cloneJSON(this.data));
  }
}

/** whenDateAfter, whenNumberBetween, whenTextContains, …: see addSharedCriteria below. */
export class ConditionalFormatRuleBuilderImpl extends Service {
  readonly kind = 'ConditionalFormatRuleBuilder';
  private data: ConditionalRuleData;
  constructor(env: Env, data?: ConditionalRuleData) {
    super(env);
    this.data = data ?? emptyRule();
  }

  _criteria(criteria: string, args: unknown[]): this {
    this.data.criteria = criteria;
    this.data.args = args.map((a) => argFromScript(this.env, a));
    return this;
  }

  build(): ConditionalFormatRuleImpl {
    if (!this.data.criteria)
      throw new Error('Emulator: a conditional format rule needs a condition');
    return new ConditionalFormatRuleImpl(this.env, cloneJSON(this.data));
  }
  copy(): ConditionalFormatRuleBuilderImpl {
    return new ConditionalFormatRuleBuilderImpl(this.env, cloneJSON(this.data));
  }
  getRanges(): Service[] {
    return rangesOf(this.env, this.data.ranges);
  }
  getBooleanCondition(): BooleanConditionImpl | null {
    return this.data.criteria ? new BooleanConditionImpl(this.env, cloneJSON(this.data)) : null;
  }
  setRanges(ranges: unknown[]): this {
    if (!Array.isArray(ranges)) throw invalidArgument('ranges');
    this.data.ranges = ranges.map((r) => {
      if (!r || typeof r !== 'object' || !('_ref' in r)) throw invalidArgument('ranges');
      return (r as { _ref(): GridRef })._ref();
    });
    return this;
  }
  setBackground(color: string | null): this {
    this.data.background = normalizeColor(color) ?? null;
    return this;
  }
  setFontColor(color: string | null): this {
    this.data.fontColor = normalizeColor(color) ?? null;
    return this;
  }
  setBold(bold: boolean | null): this {
    this.data.bold = bold;
    return this;
  }
  setItalic(italic: boolean | null): this {
    this.data.italic = italic;
    return this;
  }
  setStrikethrough(strikethrough: boolean | null): this {
    this.data.strikethrough = strikethrough;
    return this;
  }
  setUnderline(underline: boolean | null): this {
    this.data.underline = underline;
    return this;
  }
  withCriteria(criteria: string, args: unknown[]): this {
    if (!(criteria in BooleanCriteria)) throw invalidArgument('criteria');
    return this._criteria(criteria, args);
  }
  whenFormulaSatisfied(formula: string): this {
    return this._criteria('CUSTOM_FORMULA', [formula]);
  }
  whenCellEmpty(): this {
    return this._criteria('CELL_EMPTY', []);
  }
  whenCellNotEmpty(): this {
    return this._criteria('CELL_NOT_EMPTY', []);
  }
  whenTextStartsWith(text: string): this {
    return this._criteria('TEXT_STARTS_WITH', [text]);
  }
  whenTextEndsWith(text: string): this {
    return this._criteria('TEXT_ENDS_WITH', [text]);
  }
}
addSharedCriteria(ConditionalFormatRuleBuilderImpl.prototype, 'when');
