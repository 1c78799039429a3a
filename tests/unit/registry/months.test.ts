import { describe, expect, it } from 'vitest';
import { monthsBefore } from '../../../protocol/months';

describe('monthsBefore (the means-test window, the sandbox records)', () => {
  it('counts the full months before the date, newest first, across a year end', () => {
    expect(monthsBefore('2026-02-15', 3)).toEqual(['2026-01', '2025-12', '2025-11']);
    expect(monthsBefore('2026-12-01', 1)).toEqual(['2026-11']);
    expect(monthsBefore('2026-01-31', 13)).toHaveLength(13);
    expect(monthsBefore('2026-01-31', 13).at(-1)).toBe('2024-12');
    expect(monthsBefore('2026-06-30', 0)).toEqual([]);
  });
});
