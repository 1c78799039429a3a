import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/api/dispatch';
import { trainingConfig } from '../../../electron/services/config/schema';
import { Core } from '../../../electron/services/core/core';

describe('dispatch when the accounts/audit service cannot start', () => {
  it.skipIf(process.platform === 'win32')('returns the typed, actionable error instead of throwing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'counter-badkey-'));
    writeFileSync(join(dir, 'audit-sign.key'), 'ab'.repeat(32));
    chmodSync(join(dir, 'audit-sign.key'), 0o644);
    const core = new Core({
      config: { ...trainingConfig, mode: 'production' },
      dataDir: dir,
      host: 'web',
      version: 't',
      log: () => {},
    });
    const r = await dispatch({ core, host: 'web' }, 'auth.signIn', { userId: 'a', password: 'b' });
    expect(r).toMatchObject({
      ok: false,
      error: { code: 'KEY_FILE_PERMISSIONS', message: expect.stringContaining('chmod 600') },
    });
    await core.close();
  });
});
