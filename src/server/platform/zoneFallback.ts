/**
 * Dates without Intl's time zones: domain/time.ts computes calendar days with
 * Intl.DateTimeFormat({ timeZone }), which Apps Script's V8 may lack for some zone (not
 * documented: the emulator's intlTimeZones switch). Then offsets come from
 * Utilities.formatDate(date, zone, 'Z') ("-0500"), which takes any zone Java knows
 * (https://developers.google.com/apps-script/reference/utilities/utilities#formatDate(Date,String,String)),
 * sampled a week apart (domain/time.ts sampledOffsets), so the calls grow with the years the
 * dates span, never with the number of dates. Installed when the bundle is evaluated (index.ts).
 */
import { sampledOffsets, setZoneFallback, type OffsetMinutesAt } from '../../domain/time';

/** "+0530", "-0500", "Z" → minutes east of UTC; NaN for anything else. */
export function parseZoneOffset(text: string): number {
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(text.trim());
  if (!m) return /^(Z|GMT|UTC)$/i.test(text.trim()) ? 0 : NaN;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === '-' ? -minutes : minutes;
}

/** The exact offset of a zone at an instant, one Utilities.formatDate call. */
export function formatDateOffsets(timeZone: string): OffsetMinutesAt {
  return (epochMs: number): number => {
    const text = Utilities.formatDate(new Date(epochMs), timeZone, 'Z');
    const offset = parseZoneOffset(text);
    if (Number.isNaN(offset))
      throw new RangeError(`Invalid time zone specified: ${timeZone} (${text})`);
    return offset;
  };
}

setZoneFallback((timeZone) => sampledOffsets(formatDateOffsets(timeZone)));
