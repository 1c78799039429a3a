import type { Bilingual } from '../template-schema';

const partsCache = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = partsCache.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    partsCache.set(timeZone, f);
  }
  return f;
}

/** `2025-03-01 10:42` in the hall's zone, independent of the PC's zone setting. */
export function formatDateTime(iso: string, timeZone: string): string {
  const p = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(new Date(iso))
      .map((x) => [x.type, x.value]),
  );
  return `${p.year}-${p.month}-${p.day} ${p.hour}:${p.minute}`;
}

export function formatDate(iso: string, timeZone: string): string {
  return formatDateTime(iso, timeZone).slice(0, 10);
}

/** Dates from licenses may be plain dates (2024-05-01) or instants; show instants in the hall's zone. */
export function formatLooseDate(value: string, timeZone: string): string {
  return /T\d{2}:\d{2}/.test(value) && !Number.isNaN(Date.parse(value)) ? formatDateTime(value, timeZone) : value;
}

export function bi(b: Bilingual, sep = ' '): string {
  return b.en ? `${b.zh}${sep}${b.en}` : b.zh;
}
