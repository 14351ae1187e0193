import fc from 'fast-check';
import {
  cloneCell,
  cloneJSON,
  cloneValidation,
  type CellData,
  type CriteriaArg,
  type ValidationData,
} from '../spreadsheet/model';

// -0 too: a cell's value keeps none (JSON writes it 0).
const scalar = fc.oneof(
  fc.string(),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
);
const gridRef = fc.record(
  {
    sheetId: fc.nat(),
    row: fc.nat(),
    col: fc.nat(),
    numRows: fc.nat(),
    numCols: fc.nat(),
    openRows: fc.boolean(),
    openCols: fc.boolean(),
  },
  { requiredKeys: ['sheetId', 'row', 'col', 'numRows', 'numCols'] },
);
const arg: fc.Arbitrary<CriteriaArg> = fc.oneof(
  scalar.filter((x) => !Object.is(x, -0)),
  fc.constant(null),
  fc.array(fc.string()),
  fc.record({ date: fc.nat() }),
  fc.record({ ref: gridRef }),
);
const validation: fc.Arbitrary<ValidationData> = fc.record({
  criteria: fc.string(),
  args: fc.array(arg),
  allowInvalid: fc.boolean(),
  helpText: fc.option(fc.string()),
});
const cell: fc.Arbitrary<CellData> = fc.record(
  {
    v: fc.oneof(scalar, fc.constant(-0)),
    f: fc.string(),
    nf: fc.string(),
    auto: fc.constantFrom('date', 'datetime', 'time', 'percent', 'currency' as const),
    dv: validation,
    note: fc.string(),
    style: fc.record(
      { background: fc.string(), fontSize: fc.nat(), wrap: fc.boolean() },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

describe('the per-cell copies', () => {
  test('cloneCell and cloneValidation give what the JSON round trip gives', () => {
    fc.assert(
      fc.property(cell, (c) => {
        expect(cloneCell(c)).toStrictEqual(cloneJSON(c));
        if (c.dv) expect(cloneValidation(c.dv)).toStrictEqual(cloneJSON(c.dv));
      }),
    );
  });

  test('a copy shares nothing with its source', () => {
    const source: CellData = {
      v: 1,
      dv: {
        criteria: 'VALUE_IN_LIST',
        args: [['a', 'b'], { ref: { sheetId: 1, row: 1, col: 1, numRows: 2, numCols: 1 } }],
        allowInvalid: false,
        helpText: null,
      },
      style: { background: '#fff' },
    };
    const copy = cloneCell(source);
    (copy.dv!.args[0] as string[]).push('c');
    (copy.dv!.args[1] as { ref: { row: number } }).ref.row = 9;
    copy.style!.background = '#000';
    expect(source.dv!.args[0]).toEqual(['a', 'b']);
    expect((source.dv!.args[1] as { ref: { row: number } }).ref.row).toBe(1);
    expect(source.style!.background).toBe('#fff');
  });
});
