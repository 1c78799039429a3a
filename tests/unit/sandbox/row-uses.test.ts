import { describe, expect, it } from 'vitest';
import { RowUses } from '../../../sandbox/row-uses';

describe('RowUses: one use per (app, case number, row key) and its person', () => {
  it('records the first call, not a later one about the same person, always one about someone else', () => {
    const u = new RowUses();
    expect(u.claim('app', 'PL-1', '12f', 'A')).toBe(true);
    expect(u.claim('app', 'PL-1', '12f', 'A')).toBe(false);
    expect(u.claim('app', 'PL-1', '12f', 'B')).toBe(true);
    // Still bound to its first person: B's call did not take the key over.
    expect(u.claim('app', 'PL-1', '12f', 'A')).toBe(false);
    // A license of another holder that concerns the key's person is part of the use.
    expect(u.claim('app', 'PL-1', '12f', 'HEAD', (b) => b === 'A')).toBe(false);
    // Other apps, case numbers and keys are other uses; separators cannot make two keys one.
    expect(u.claim('other', 'PL-1', '12f', 'A')).toBe(true);
    expect(u.claim('app', 'PL-2', '12f', 'A')).toBe(true);
    expect(u.claim('app', 'PL-1|12', 'f', 'A')).toBe(true);
    expect(u.claim('app', 'PL-1', '12', 'A')).toBe(true);
  });

  it('forgets the oldest key past its capacity: a second record then, never none', () => {
    const u = new RowUses(2);
    expect(u.claim('app', 'c', '1', 'A')).toBe(true);
    expect(u.claim('app', 'c', '2', 'B')).toBe(true);
    expect(u.claim('app', 'c', '3', 'C')).toBe(true);
    expect(u.claim('app', 'c', '1', 'A')).toBe(true);
    expect(u.claim('app', 'c', '3', 'C')).toBe(false);
  });
});
