/**
 * Settings live in the document's properties (shared by everyone who edits the workbook) and
 * are shown and changed in the Settings dialog. The language defaults to the spreadsheet
 * locale (fr* → French, else English).
 */
import { langFromLocale, type Lang } from '../../shared/contract';
import { DEFAULT_SETTINGS, type Settings } from '../../domain/types';
import { forgetEntries } from './documentCache';

const KEY = 'ficheClient.settings';

type Stored = Partial<Settings>;

/** The settings' property key (a caller that read every property passes the value). */
export const SETTINGS_KEY = KEY;

function readStored(given?: string | null): Stored {
  const raw =
    given === undefined ? PropertiesService.getDocumentProperties().getProperty(KEY) : given;
  if (!raw) return {};
  try {
    const parsed: unknown = JSON.parse(raw);
    return parsed && typeof parsed === 'object' ? (parsed as Stored) : {};
  } catch {
    return {}; // a corrupt value falls back to the defaults rather than blocking the workbook
  }
}

function intOr(value: unknown, fallback: number, min: number, max: number): number {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? value
    : fallback;
}

/** Every setting, defaults filled in (`raw`: the stored value, when already read). */
export function loadSettings(
  spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet,
  raw?: string | null,
): Settings {
  const stored = readStored(raw);
  const lang: Lang =
    stored.lang === 'fr' || stored.lang === 'en'
      ? stored.lang
      : langFromLocale(spreadsheet.getSpreadsheetLocale());
  return withDefaults(stored, lang);
}

/**
 * Settings as kept in the document cache (platform/documentCache.ts), checked as the stored ones
 * are; null when the value is not settings (then they are read from the properties).
 */
export function cachedSettings(value: unknown): Settings | null {
  if (!value || typeof value !== 'object') return null;
  const stored = value as Stored;
  return stored.lang === 'fr' || stored.lang === 'en' ? withDefaults(stored, stored.lang) : null;
}

function withDefaults(stored: Stored, lang: Lang): Settings {
  return {
    lang,
    graceDays: intOr(stored.graceDays, DEFAULT_SETTINGS.graceDays, 0, 365),
    defaultTermDays: intOr(stored.defaultTermDays, DEFAULT_SETTINGS.defaultTermDays, 0, 3650),
    notifyWatch:
      typeof stored.notifyWatch === 'boolean' ? stored.notifyWatch : DEFAULT_SETTINGS.notifyWatch,
    sendStatements:
      typeof stored.sendStatements === 'boolean'
        ? stored.sendStatements
        : DEFAULT_SETTINGS.sendStatements,
  };
}

/** The workbook language only (menus need nothing more). */
export function workbookLang(spreadsheet: GoogleAppsScript.Spreadsheet.Spreadsheet): Lang {
  return loadSettings(spreadsheet).lang;
}

export function saveSettings(settings: Partial<Settings>): void {
  const merged = { ...readStored(), ...settings };
  PropertiesService.getDocumentProperties().setProperty(KEY, JSON.stringify(merged));
  forgetEntries(['settings']);
}
