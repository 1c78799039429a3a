import { describe, expect, it } from 'vitest';
import { checkPasswordPolicy, hashPassword, verifyPassword } from '../../../electron/services/accounts/password';

describe('password hashing', () => {
  it('uses scrypt at N=2^15 with a per-user salt by default and verifies only the right password', async () => {
    const a = await hashPassword('Secret-pass-1');
    const b = await hashPassword('Secret-pass-1');
    expect(a).toMatch(/^scrypt\$15\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toBe(b);
    expect(a).not.toContain('Secret');
    expect(await verifyPassword('Secret-pass-1', a)).toBe(true);
    expect(await verifyPassword('Secret-pass-2', a)).toBe(false);
    expect(await verifyPassword('', a)).toBe(false);
  });

  it('rejects malformed or absurd stored parameters instead of running them', async () => {
    expect(await verifyPassword('x', 'plain')).toBe(false);
    expect(await verifyPassword('x', 'scrypt$30$8$1$AAAA$AAAA')).toBe(false);
    expect(await verifyPassword('x', 'md5$1$1$1$a$b')).toBe(false);
  });

  it('enforces the policy with an actionable code', () => {
    for (const weak of ['short1', 'onlyletters', '12345678901', 'zhangwei-2024x']) {
      expect(() => checkPasswordPolicy(weak, 'zhangwei'), weak).toThrow(
        expect.objectContaining({ code: 'AUTH_WEAK_PASSWORD' }),
      );
    }
    expect(() => checkPasswordPolicy('Window-3-spring', 'zhangwei')).not.toThrow();
    expect(() => checkPasswordPolicy('a long passphrase only letters', 'zhangwei')).not.toThrow();
  });
});
