/**
 * The SpreadsheetApp global: https://developers.google.com/apps-script/reference/spreadsheet/spreadsheet-app
 * Enums are plain name strings (SpreadsheetApp.ProtectionType.RANGE === 'RANGE'), so comparing
 * what a getter returns with the enum member works as in Apps Script.
 */
import { Service, expose, invalidArgument, notImplemented, type Env } from './base';
import { BooleanCriteria, ConditionalFormatRuleBuilderImpl } from './conditional';
import { RangeImpl } from './range';
import { SheetImpl } from './sheet';
import { SelectionImpl, SpreadsheetImpl } from './spreadsheet';
import { DataValidationBuilderImpl, DataValidationCriteria } from './validation';

function nameEnum<K extends string>(...names: K[]): Readonly<Record<K, K>> {
  return Object.freeze(Object.fromEntries(names.map((n) => [n, n])) as Record<K, K>);
}

export class SpreadsheetAppImpl extends Service {
  readonly kind = 'SpreadsheetApp';
  readonly ProtectionType = nameEnum('RANGE', 'SHEET');
  readonly DataValidationCriteria = DataValidationCriteria;
  readonly BooleanCriteria = BooleanCriteria;
  readonly WrapStrategy = nameEnum('WRAP', 'OVERFLOW', 'CLIP');
  readonly BorderStyle = nameEnum(
    'DOTTED',
    'DASHED',
    'SOLID',
    'SOLID_MEDIUM',
    'SOLID_THICK',
    'DOUBLE',
  );
  readonly Dimension = nameEnum('COLUMNS', 'ROWS');
  readonly SheetType = nameEnum('GRID', 'OBJECT', 'DATASOURCE');
  readonly Direction = nameEnum('UP', 'DOWN', 'PREVIOUS', 'NEXT');

  getActive(): SpreadsheetImpl {
    return new SpreadsheetImpl(this.env);
  }
  getActiveSpreadsheet(): SpreadsheetImpl {
    return new SpreadsheetImpl(this.env);
  }
  getActiveSheet(): SheetImpl {
    return new SheetImpl(this.env, this.env.doc.activeSheet());
  }
  getActiveRange(): RangeImpl | null {
    return new SpreadsheetImpl(this.env).getActiveRange();
  }
  getCurrentCell(): RangeImpl | null {
    return new SelectionImpl(this.env).getCurrentCell();
  }
  getSelection(): SelectionImpl {
    return new SelectionImpl(this.env);
  }
  setActiveSheet(sheet: SheetImpl): SheetImpl {
    return new SpreadsheetImpl(this.env).setActiveSheet(sheet);
  }
  setActiveRange(range: RangeImpl): RangeImpl {
    return new SpreadsheetImpl(this.env).setActiveRange(range);
  }
  /** Writes are applied at once in the emulator; flush only counts as a call. */
  flush(): void {}
  getUi(): GoogleAppsScript.Base.Ui {
    const ui = this.env.ctx.ui;
    if (!ui) throw new Error('Emulator: SpreadsheetApp.getUi needs a ui factory in the context');
    return ui();
  }
  newDataValidation(): DataValidationBuilderImpl {
    return new DataValidationBuilderImpl(this.env);
  }
  newConditionalFormatRule(): ConditionalFormatRuleBuilderImpl {
    return new ConditionalFormatRuleBuilderImpl(this.env);
  }
  /** Only the emulated document itself can be opened (the project is container-bound). */
  openById(id: string): SpreadsheetImpl {
    if (String(id) !== this.env.doc.id) throw invalidArgument('id');
    return new SpreadsheetImpl(this.env);
  }
  openByUrl(url: string): SpreadsheetImpl {
    if (!String(url).includes(this.env.doc.id)) throw invalidArgument('url');
    return new SpreadsheetImpl(this.env);
  }
  create(): never {
    return notImplemented('SpreadsheetApp', 'create');
  }
}

export function createApp(env: Env): SpreadsheetAppImpl {
  return expose(new SpreadsheetAppImpl(env));
}
