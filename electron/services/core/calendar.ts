/**
 * The hall's calendar day (YYYY-MM-DD) of a moment: China Standard Time whatever the PC's own zone
 * is set to, so deadlines, ages and a day's counts do not move with a misconfigured clock zone.
 */
export const hallDay = (d: Date): string => d.toLocaleDateString('sv-SE', { timeZone: 'Asia/Shanghai' });
