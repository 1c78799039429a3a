import { describe, expect, it } from 'vitest';
import { operations } from '../../../electron/api/contract';
import { handlers } from '../../../electron/api/handlers';
import { ROLES } from '../../../electron/services/accounts/roles';

describe('every operation declares who may call it', () => {
  const entries = Object.entries(operations);

  it.each(entries)('%s has a valid access declaration, a schema and a handler', (name, spec) => {
    const access = spec.access as unknown;
    const valid =
      access === 'public' ||
      access === 'signed-in' ||
      (Array.isArray(access) && access.length > 0 && access.every((r) => (ROLES as readonly string[]).includes(r)) && new Set(access).size === access.length);
    expect(valid, `${name}: access ${JSON.stringify(access)}`).toBe(true);
    expect(typeof spec.input.safeParse).toBe('function');
    expect(spec.summary.length).toBeGreaterThan(3);
    expect(typeof (handlers as Record<string, unknown>)[name]).toBe('function');
  });

  it('account administration is admin-only and audit export supervisor-only', () => {
    for (const [name, spec] of entries) if (name.startsWith('accounts.')) expect(spec.access, name).toEqual(['admin']);
    expect(operations['audit.export'].access).toEqual(['supervisor']);
    expect(operations['auth.signIn'].access).toBe('public');
  });
});

describe('events while locked or signed out', () => {
  it('only non-personal events reach the page', async () => {
    const { eventVisible } = await import('../../../electron/services/accounts/gate');
    const { eventNames } = await import('../../../electron/api/contract');
    const open = { userId: 'a', displayName: 'a', roles: ['clerk' as const], demo: false, locked: false };
    for (const name of eventNames) expect(eventVisible(name, open), name).toBe(true);
    for (const s of [null, { ...open, locked: true }, { ...open, mustChangePassword: true }]) {
      expect(eventVisible('card.placed', s)).toBe(false);
      expect(eventVisible('case.changed', s)).toBe(false);
      expect(eventVisible('reader.status', s)).toBe(true);
      expect(eventVisible('session.changed', s)).toBe(true);
    }
  });
});
