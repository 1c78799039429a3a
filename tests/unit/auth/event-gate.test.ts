import { describe, expect, it } from 'vitest';
import { eventNames } from '../../../electron/api/contract';
import { eventVisible } from '../../../electron/services/accounts/gate';

// Who may call each operation is pinned, role by role, in tests/integration/auth/role-matrix.test.ts;
// that the contract declares an access, a schema and a handler for each is the compiler's job.
describe('events while locked or signed out', () => {
  const open = { userId: 'a', displayName: 'a', roles: ['clerk' as const], demo: false, locked: false };

  it('every event reaches a signed-in, unlocked page', () => {
    for (const name of eventNames) expect(eventVisible(name, open), name).toBe(true);
  });

  it.each([
    ['signed out', null],
    ['locked', { ...open, locked: true }],
    ['must change the password', { ...open, mustChangePassword: true }],
  ])('%s: only non-personal events reach the page', (_label, s) => {
    expect(eventVisible('card.placed', s)).toBe(false);
    expect(eventVisible('case.changed', s)).toBe(false);
    expect(eventVisible('reader.status', s)).toBe(true);
    expect(eventVisible('session.changed', s)).toBe(true);
  });
});
