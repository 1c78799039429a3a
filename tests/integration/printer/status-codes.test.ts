import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootCore } from '../../../electron/services/core/boot';

const CJK = /[\u4e00-\u9fff]/;

/** The status lines carry codes and parameters; the page words them (tests/e2e/status-language.spec.ts). */
describe('status lines at start-up', () => {
  it('a configured printer that does not exist is PRINTER_NOT_FOUND with its name, and no status carries a sentence', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'status-codes-'));
    const config = join(dir, 'config.json');
    writeFileSync(
      config,
      JSON.stringify({
        mode: 'training',
        hall: { id: 'ST01', name: '状态测试大厅' },
        counter: 'S-01',
        registry: { url: 'http://127.0.0.1:9', appKey: 'k', appSecret: 'secret-123' },
        printer: { backend: 'virtual', a4: 'Gone_Printer' },
      }),
    );
    const core = await bootCore({
      host: 'web',
      version: 'test',
      env: { ...process.env, COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') },
      launchSandbox: () => {
        throw new Error('no sandbox in this test');
      },
      log: () => undefined,
    });
    try {
      expect(core.status.printer).toMatchObject({
        state: 'error',
        code: 'PRINTER_NOT_FOUND',
        params: { printer: 'Gone_Printer' },
      });
      for (const s of [core.status.printer, core.status.reader, core.status.registry]) {
        expect(s).not.toHaveProperty('message');
        expect(JSON.stringify(s)).not.toMatch(CJK);
      }
    } finally {
      await core.close();
    }
  });
});
