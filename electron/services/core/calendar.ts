/**
 * The hall's calendar day (YYYY-MM-DD) of a moment: China Standard Time whatever the PC's own zone
 * is set to, so deadlines, ages and a day's counts do not move with a misconfigured clock zone.
 */
export const hallDay = (d: Date): string => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });

/**
 * The terminal's own calendar day (YYYY-MM-DD) in the PC's zone: what a batch job's ages and dates
 * have always been judged by, so a job resumed reads the same day as it started with.
 */
export const machineDay = (d: Date): string =>
  `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
