/**
 * The preview keeps a team's data safe (no browser, no HTTP): one action at a time on the
 * emulator that is saved, a save that fails answered as a failure and undone, requests checked
 * before anything moves, a saved workbook checked when it is read and never written over when
 * broken, one preview per data file, temporary files of a killed save tidied, and no folder
 * chain made for a data file. Needs the built bundle (npm run build).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { acquireLock, LockedError, lockFileOf } from '../../preview/lock';
import { buildSample } from '../../preview/sample';
import { PreviewSession, type Answer } from '../../preview/session';
import {
  prepareDataFolder,
  readState,
  removeStaleTemps,
  snapshot,
  StateError,
  stateText,
} from '../../preview/state';
import { newClientSave, savedClientCodes } from './previewFixtures';

const TODAY = '2026-11-16';
const NOON = new Date(`${TODAY}T12:00:00-05:00`).getTime();
let dir = '';
let n = 0;
beforeAll(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'fiche-preview-safety-'))));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function fresh(clients = 6): { session: PreviewSession; file: string } {
  const file = path.join(dir, `s${++n}`, 'workbook.json');
  mkdirSync(path.dirname(file));
  return {
    session: new PreviewSession(buildSample({ lang: 'fr', today: TODAY, clients }), file, NOON),
    file,
  };
}

/** Answers every question of a menu action: prompts with `text`, alerts with Yes. */
async function answering(s: PreviewSession, menuPath: string, text: string): Promise<void> {
  const answers: Answer[] = [];
  for (let i = 0; i < 5; i++) {
    const { question } = await s.clickMenu(menuPath, answers);
    if (!question) return;
    answers.push(
      question.kind === 'prompt'
        ? { kind: 'prompt', button: 'OK', text }
        : { kind: 'alert', button: 'YES' },
    );
  }
  throw new Error('too many questions');
}

describe('one action at a time', () => {
  test('a save sent while a menu action asks its question is in the saved file', async () => {
    const { session, file } = fresh();
    const anonymize = 'Fiche Client > Anonymiser un client (Loi 25)…';
    // The save and the question arrive together, as from the sidebar and the menu.
    const [saved, asked] = await Promise.all([
      session.rpc('formSave', [newClientSave('Z-0001', 'Pendant la question')]),
      session.clickMenu(anonymize),
    ]);
    expect(asked.question).toBeDefined();
    expect(saved).toMatchObject({ ok: true, value: { ok: true } });
    expect(savedClientCodes(readState(file)!)).toContain('Z-0001');
    // The action then runs with its answers, on the workbook that has the save.
    await answering(session, anonymize, 'C-0002');
    const codes = savedClientCodes(readState(file)!);
    expect(codes).toContain('Z-0001');
    expect(session.emulator.spreadsheet.displayValues('Clients').map((r) => r[0])).toContain(
      'Z-0001',
    );
  });

  test('a save that fails answers a failure and is undone; the next one is saved', async () => {
    const { session, file } = fresh();
    // The data file's place taken by a folder: the rename of each save fails.
    rmSync(file);
    mkdirSync(file);
    writeFileSync(path.join(file, 'keep'), 'x');
    const failed = await session.rpc('formSave', [newClientSave('Z-0100', 'Perdu')]);
    expect(failed).toMatchObject({ ok: false, name: 'Error' });
    expect((failed as { message: string }).message).toMatch(
      /^Le classeur n’a pas pu être enregistré dans workbook\.json \(E[A-Z]+\) : l’action est annulée\.$/,
    );
    // Undone in memory too: what the team sees is what the file will hold.
    const codes = () => session.emulator.spreadsheet.displayValues('Clients').map((r) => r[0]);
    expect(codes()).not.toContain('Z-0100');
    await expect(session.editCell('Clients', 2, 2, 'Nom changé')).rejects.toThrow(
      /n’a pas pu être enregistré/,
    );
    expect(session.emulator.spreadsheet.displayValues('Clients')[1]![1]).not.toBe('Nom changé');
    rmSync(file, { recursive: true });
    expect(await session.rpc('formSave', [newClientSave('Z-0101', 'Gardé')])).toMatchObject({
      ok: true,
    });
    expect(savedClientCodes(readState(file)!)).toEqual(expect.arrayContaining(['Z-0101']));
    expect(savedClientCodes(readState(file)!)).not.toContain('Z-0100');
  });

  test('reads during a long import get the view from before it, marked busy', async () => {
    const { session } = fresh(4);
    const csv = 'Code client,Nom\r\nC-0001,Un\r\n';
    const importing = session.importCsv('Clients', csv, [{ kind: 'alert', button: 'YES' }]);
    let seen: ReturnType<PreviewSession['view']> | null = null;
    // The import pauses between its steps; a read meanwhile is answered at once.
    while (!seen?.busy) {
      await new Promise((r) => setImmediate(r));
      const v = session.view();
      if (v.busy) seen = v;
      if (!session.busy) break;
    }
    expect(seen?.busy).toBe(true);
    expect(seen?.grid.rows.filter((r) => /^C-\d{4}$/.test(r[0] ?? ''))).toHaveLength(4);
    expect(() => session.exportCsv('Clients')).toThrow(/Une action est en cours/);
    await importing;
    expect(session.view().busy).toBeUndefined();
    expect(session.exportCsv('Clients')).toContain('C-0001,Un');
  });
});

describe('requests are checked before anything changes', () => {
  test('an unknown trigger button or one not installed leaves the clock where it was', async () => {
    const { session } = fresh(3);
    const clock = () => session.emulator.clock.now().toISOString();
    const before = clock();
    for (const kind of ['constructor', 'toString', '__proto__', 'hasOwnProperty'])
      await expect(session.fireTrigger(kind as 'daily', '2031-01-01')).rejects.toThrow(
        /ne peut pas valoir/,
      );
    expect(clock()).toBe(before);
    // The trigger that runs the daily job removed (as after someone deleted it): nothing moves
    // either. (The hourly dispatcher runs it now; older workbooks have the daily trigger.)
    const triggers = session.emulator.triggers.triggers;
    const kept = triggers.filter((t) => !['onHourlyTrigger', 'onDailyTrigger'].includes(t.handler));
    expect(kept.length).toBeLessThan(triggers.length);
    triggers.splice(0, triggers.length, ...kept);
    await expect(session.fireTrigger('daily', '2031-01-01')).rejects.toThrow(
      'Aucun déclencheur « Actualiser la liste de surveillance » installé',
    );
    expect(clock()).toBe(before);
    expect(session.view().clockPinned).toBe(true);
    expect(session.view().today).toBe(TODAY);
  });

  test('a menu path, sheet or cell that does not exist is refused in the workbook’s language', async () => {
    const { session } = fresh(3);
    await expect(session.clickMenu('constructor')).rejects.toThrow(
      'Aucun élément de menu « constructor ».',
    );
    // The emulator would take a bare caption; the page sends whole paths only.
    await expect(session.clickMenu('Fiche client')).rejects.toThrow(/Aucun élément de menu/);
    await expect(session.select('Nulle part', 1, 1)).rejects.toThrow(
      'Aucune feuille nommée « Nulle part ».',
    );
    await expect(session.editCell('Clients', 1_000_000, 1, 'x')).rejects.toThrow(
      /hors de la feuille « Clients »/,
    );
    expect(() => session.exportCsv('__proto__')).toThrow('Aucune feuille nommée « __proto__ ».');
  });
});

describe('the saved workbook is checked when read', () => {
  const write = (name: string, text: string): string => {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    return file;
  };
  const problem = (file: string): string => {
    try {
      readState(file);
    } catch (e) {
      expect(e).toBeInstanceOf(StateError);
      return (e as StateError).say('fr');
    }
    throw new Error('read without complaint');
  };
  let sample: string | null = null;
  const valid = (): ReturnType<typeof snapshot> =>
    JSON.parse(
      (sample ??= stateText(snapshot(buildSample({ lang: 'fr', today: TODAY, clients: 2 }), null))),
    ) as ReturnType<typeof snapshot>;

  test('a file that is no JSON, null, or not a preview workbook is named and said', () => {
    expect(problem(write('cut.json', '{"format": "fiche-client-preview/1", "lang'))).toMatch(
      /cut\.json ne peut pas être ouvert : ce n’est pas du JSON \(.+\)\. Le fichier est laissé tel quel/,
    );
    expect(problem(write('null.json', 'null'))).toMatch(
      /null\.json existe et n’est pas un classeur d’aperçu/,
    );
  });

  test('no sheets, a wrong type, an unknown zone, a sheet twice: each named with where it is', () => {
    const cases: [string, (s: ReturnType<typeof valid>) => unknown, RegExp][] = [
      [
        'nosheets',
        (s) => (s.spreadsheet.sheets = []),
        /« spreadsheet\.sheets » : au moins 1 élément attendu/,
      ],
      ['lang', (s) => ((s as { lang: string }).lang = 'de'), /« lang » : valeur inattendue/],
      [
        'cells',
        (s) => ((s.spreadsheet.sheets[0]!.cells as Record<string, unknown>)['2,1'] = { v: {} }),
        /« spreadsheet\.sheets\[0\]\.cells\.2,1\.v » n’est pas valide/,
      ],
      [
        'zone',
        (s) => (s.spreadsheet.timeZone = 'Mars/Olympus'),
        /« spreadsheet\.timeZone » : fuseau horaire inconnu/,
      ],
      [
        'twice',
        (s) => (s.spreadsheet.sheets[1]!.name = s.spreadsheet.sheets[0]!.name),
        /la feuille « Clients » figure deux fois/,
      ],
      [
        'props',
        (s) => ((s as { properties: unknown }).properties = null),
        /« properties » : un objet attendu/,
      ],
    ];
    for (const [name, spoil, said] of cases) {
      const state = valid();
      spoil(state);
      const file = write(`${name}.json`, stateText(state));
      expect(problem(file)).toMatch(said);
      expect(problem(file)).toContain(`${name}.json ne peut pas être ouvert`);
    }
    const ok = write('ok.json', stateText(valid()));
    expect(readState(ok)?.format).toBe('fiche-client-preview/1');
  });
});

describe('one preview per data file', () => {
  test('a live holder refuses the file, naming it; a dead one’s lock is taken over', () => {
    const data = path.join(dir, 'locked.json');
    const mine = acquireLock(data, 'http://127.0.0.1:1');
    try {
      expect(() => acquireLock(data, 'http://127.0.0.1:2')).toThrow(LockedError);
      try {
        acquireLock(data, 'http://127.0.0.1:2');
      } catch (e) {
        expect((e as LockedError).say('fr')).toBe(
          `${data} est déjà ouvert par un autre aperçu (processus ${process.pid}, http://127.0.0.1:1, depuis ${(e as LockedError).holder.startedAt}). Utilisez celui-là, arrêtez-le (Ctrl+C dans son terminal), ou ouvrez un autre fichier : npm start -- --data autre.json`,
        );
      }
    } finally {
      mine.release();
    }
    expect(existsSync(lockFileOf(data))).toBe(false);
    // A preview that was killed: its process is gone, its lock stays.
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']);
    const deadPid = Number(gone.stdout.toString());
    writeFileSync(
      lockFileOf(data),
      JSON.stringify({ pid: deadPid, url: 'http://127.0.0.1:3', startedAt: 'hier' }),
    );
    const taken = acquireLock(data, 'http://127.0.0.1:4');
    expect(taken.tookOver).toEqual({ pid: deadPid, url: 'http://127.0.0.1:3', startedAt: 'hier' });
    expect(JSON.parse(readFileSync(lockFileOf(data), 'utf8'))).toMatchObject({
      pid: process.pid,
      url: 'http://127.0.0.1:4',
    });
    taken.release();
  });
});

describe('start-up tidies and checks', () => {
  test('temporary files of a save cut short are removed, no other file', () => {
    const folder = path.join(dir, 'tmps');
    mkdirSync(folder);
    const data = path.join(folder, 'workbook.json');
    const names = [
      'workbook.json.4242.tmp',
      'workbook.before-import.json.77.tmp',
      'workbook.json',
      'workbook.json.notes.tmp',
      'other.json.5.tmp',
    ];
    for (const name of names) writeFileSync(path.join(folder, name), 'x');
    expect(removeStaleTemps([data, path.join(folder, 'workbook.before-import.json')])).toBe(2);
    for (const name of names)
      expect(existsSync(path.join(folder, name))).toBe(
        !['workbook.json.4242.tmp', 'workbook.before-import.json.77.tmp'].includes(name),
      );
  });

  test('a data file whose folder’s parent does not exist fails at once, naming the folder', () => {
    const started = Date.now();
    const result = prepareDataFolder('/proc/x/w.json');
    expect(Date.now() - started).toBeLessThan(1000);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.say('fr')).toBe(
        'Impossible de créer le dossier /proc/x (ENOENT) : créez-le, ou choisissez un autre fichier avec --data.',
      );
    // A chain of missing folders is never made; one missing level is (the default .preview).
    const deep = prepareDataFolder(path.join(dir, 'a', 'b', 'w.json'));
    expect(deep.ok).toBe(false);
    if (!deep.ok) expect(deep.say('en')).toMatch(/the folder .*a\/b does not exist/);
    const one = path.join(dir, 'new-folder', 'w.json');
    expect(prepareDataFolder(one).ok).toBe(true);
    expect(existsSync(path.dirname(one))).toBe(true);
    expect(prepareDataFolder(path.join(dir, 'a', 'b', 'w.json')).ok).toBe(false);
    expect(existsSync(path.join(dir, 'a'))).toBe(false);
  });
});
