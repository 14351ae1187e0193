/**
 * The check report (src/shared/checkReport.ts) and what `npm run fidelity` makes of it
 * (scripts/fidelity.ts): the worlds its probes observed, its validation, the committed sample,
 * and the verdicts and summary against the emulator's defaults.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_WORLDS, SWITCH_NAMES } from '../../emulator/switches';
import { observedSetting, summaryMarkdown, verdicts } from '../../scripts/fidelity';
import {
  CHECKED_SWITCHES,
  observedWorlds,
  parseCheckReport,
  type CheckProbes,
  type CheckReport,
  type TextWrite,
} from '../../src/shared/checkReport';
import { parseSpeedReport } from '../../src/shared/speedReport';

const SAMPLE = path.resolve(__dirname, '../../emulator/sample-check-report.json');
const sample = (): unknown => JSON.parse(readFileSync(SAMPLE, 'utf8')) as unknown;

function write(
  format: TextWrite['format'],
  written: TextWrite['written'],
  value: unknown,
  formula = '',
): TextWrite {
  return {
    format,
    written,
    type: typeof value === 'number' ? 'number' : 'string',
    value: String(value),
    formula,
    formatRead: format || '0.###############',
  };
}

const NONE: CheckProbes = {
  textWrites: null,
  intl: null,
  editEvent: null,
  cache: null,
  mail: null,
  download: null,
};

describe('observedWorlds', () => {
  it('reads each switch’s world from its probe', () => {
    const probes: CheckProbes = {
      textWrites: [
        write('@', '=1+1', 2, '=1+1'),
        write('@', '+1 514 555 0101', '+1 514 555 0101'),
        write('@', "'0042", '0042'),
        { ...write('@', '0042', '0042'), formatRead: '@' },
        { ...write('@STRING@', '0042', '0042'), formatRead: '@' },
      ],
      intl: {
        timeZone: 'America/Toronto',
        intl: 'throws',
        samples: 13,
        intlAgrees: 0,
        productAgrees: 13,
      },
      editEvent: { event: ['authMode', 'range'], range: [], at: '2026-11-16T00:00:00Z' },
      cache: { accepted: [100_000], refused: [102_400, 102_401] },
      mail: { before: 100, after: 99, recipients: 2, messages: 1 },
      download: { measurable: true, arrived: true },
    };
    expect(observedWorlds(probes)).toEqual({
      plainTextFormulas: 'formula',
      plainTextApostrophe: 'swallowed',
      textFormatName: 'at',
      editEventBounds: 'absent',
      intlTimeZones: 'utcOnly',
      dialogDownloads: 'allowed',
      columnMoveChange: null,
      mailQuotaCounts: 'messages',
      cacheValueLimit: '100000',
    });
  });

  it('says nothing where nothing was measured or the result fits no world', () => {
    expect(Object.values(observedWorlds(NONE))).toEqual(CHECKED_SWITCHES.map(() => null));
    const odd: CheckProbes = {
      ...NONE,
      textWrites: [write('@', '=1+1', '#ERROR!'), write('@', "'0042", 'x')],
      mail: { before: 100, after: 95, recipients: 2, messages: 1 },
      download: { measurable: false },
    };
    expect(observedWorlds(odd)).toMatchObject({
      plainTextFormulas: null,
      plainTextApostrophe: null,
      mailQuotaCounts: null,
      dialogDownloads: null,
    });
  });
});

describe('parseCheckReport', () => {
  it('reads the committed sample, whose speed part the bench reads too', () => {
    const report = parseCheckReport(sample());
    expect(report.note).toMatch(/^Sample, not a measurement of Google/);
    expect(report.worlds.plainTextApostrophe).toBe('swallowed');
    expect(parseSpeedReport(sample())).toEqual(report.speed);
  });

  it('names the field at fault', () => {
    const bad = (change: (r: Record<string, unknown>) => void): string => {
      const r = sample() as Record<string, unknown>;
      change(r);
      try {
        parseCheckReport(r);
        return 'accepted';
      } catch (e) {
        return (e as Error).message;
      }
    };
    expect(bad((r) => (r.kind = 'fiche-client-speed'))).toBe(
      'not a Fiche Client check report: "kind" must be "fiche-client-check", not "fiche-client-speed"',
    );
    expect(bad((r) => ((r.probes as Record<string, unknown>).mail = { before: -1 }))).toBe(
      'probes.mail.before must be a whole number of 0 to 100,000,000',
    );
    expect(
      bad(
        (r) =>
          (((r.probes as Record<string, unknown>).textWrites as unknown[])[0] = { format: 'x' }),
      ),
    ).toBe('probes.textWrites[0].format must be one of "@", "@STRING@", ""');
    expect(bad((r) => ((r.speed as Record<string, unknown>).version = 9))).toBe(
      'speed: version 9 is not supported (this version reads 1)',
    );
  });

  it('derives the worlds again rather than trusting the file', () => {
    const r = sample() as CheckReport;
    r.worlds = { ...r.worlds, plainTextApostrophe: 'kept' };
    expect(parseCheckReport(r).worlds.plainTextApostrophe).toBe('swallowed');
  });
});

describe('npm run fidelity: verdicts and summary', () => {
  it('confirmed, contradicted, not measured; the tests run in the contradicted worlds', () => {
    const report = parseCheckReport(sample());
    const list = verdicts(report);
    expect(list.map((v) => v.name)).toEqual(SWITCH_NAMES);
    const by = Object.fromEntries(list.map((v) => [v.name, v.verdict]));
    expect(by).toMatchObject({
      plainTextFormulas: 'confirmed',
      plainTextApostrophe: 'contradicted',
      dialogDownloads: 'contradicted',
      columnMoveChange: 'not measured',
    });
    expect(observedSetting(list)).toEqual({
      plainTextApostrophe: 'swallowed',
      dialogDownloads: 'blocked',
    });
    const md = summaryMarkdown(report, 'sample.json', list, {
      label: 'observed',
      worlds: observedSetting(list),
      files: ['a.test.ts'],
      passed: 3,
      failed: 1,
      seconds: 1,
      failures: [{ file: 'a.test.ts', test: 'x › y', message: 'Expected 1' }],
    });
    expect(md).toContain('6 confirmed, 2 contradicted, 1 not measured');
    expect(md).toContain(
      '| `plainTextApostrophe` | `kept`: stays in the cell as a character (the cell stores what is written) | `swallowed`: is taken as the text mark and dropped, as in an automatic cell | contradicted |',
    );
    expect(md).toContain('EMULATOR_WORLDS=plainTextApostrophe=swallowed,dialogDownloads=blocked');
    expect(md).toContain('- `a.test.ts` › x › y');
  });

  it('a report of the emulator’s own world confirms every measured switch', () => {
    const probes = parseCheckReport(sample()).probes;
    const report = parseCheckReport({
      ...(sample() as object),
      probes: {
        ...probes,
        textWrites: probes.textWrites!.map((w) =>
          w.format === '@' && w.written === "'0042" ? { ...w, value: "'0042" } : w,
        ),
        download: { measurable: true, arrived: true },
      },
    });
    const list = verdicts(report);
    expect(list.filter((v) => v.verdict === 'contradicted')).toEqual([]);
    expect(observedSetting(list)).toEqual({});
    expect(list.find((v) => v.name === 'plainTextApostrophe')!.emulator).toBe(
      DEFAULT_WORLDS.plainTextApostrophe,
    );
  });
});
