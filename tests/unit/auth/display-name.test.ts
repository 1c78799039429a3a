import { afterAll, beforeAll, expect, it } from 'vitest';
import { makeCore, type Fixture } from '../../helpers/core';

// Found by the API fuzz (TEST_SEED=1034589999): a NUL display name passed the schema and then
// failed the database's CHECK, so the admin saw INTERNAL instead of which field was wrong.
let f: Fixture;
beforeAll(async () => {
  f = await makeCore();
  await f.addAccount('n.admin', ['admin']);
  await f.signInAs('n.admin');
});
afterAll(() => f.close());

it.each(['\u0000', 'a\u0000b', '\u001b[31m', 'x\u007f'])(
  'a display name with control characters (%j) is refused as a field error',
  async (displayName) => {
    const r = await f.callAny('accounts.create', {
      userId: 'n.clerk',
      displayName,
      roles: ['clerk'],
      temporaryPassword: 'Temp-pass-1234',
    });
    expect(r).toMatchObject({ ok: false, error: { code: 'INVALID_ARGUMENT', field: 'displayName' } });
  },
);

it('an ordinary Chinese name is still accepted', async () => {
  const r = await f.callAny('accounts.create', {
    userId: 'n.clerk',
    displayName: '赵 磊',
    roles: ['clerk'],
    temporaryPassword: 'Temp-pass-1234',
  });
  expect(r.ok).toBe(true);
});
