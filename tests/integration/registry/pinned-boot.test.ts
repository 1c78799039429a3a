import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootCore } from '../../../electron/services/core/boot';

describe('registry.pinnedIssuers at start-up', () => {
  it('a broken pin file leaves the registry unavailable, with the reason in the status bar and the log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pinned-boot-'));
    const config = join(dir, 'config.json');
    writeFileSync(join(dir, 'issuers.json'), '{ not json');
    writeFileSync(
      config,
      JSON.stringify({
        mode: 'training',
        hall: { id: 'PIN01', name: '钉扎测试大厅' },
        counter: 'P-01',
        registry: {
          url: 'http://127.0.0.1:9',
          appKey: 'k',
          appSecret: 'secret-123',
          pinnedIssuers: join(dir, 'issuers.json'),
        },
        printer: { backend: 'virtual' },
      }),
    );
    const log: string[] = [];
    const core = await bootCore({
      host: 'web',
      version: 'test',
      env: { ...process.env, COUNTER_CONFIG: config, COUNTER_DATA_DIR: join(dir, 'data') },
      launchSandbox: () => {
        throw new Error('no sandbox in this test');
      },
      log: (m) => log.push(m),
    });
    try {
      expect(core.services.registry).toBeUndefined();
      // The status bar gets the code and the setting's name, worded by the page; the log gets the file and the fault.
      expect(core.status.registry).toMatchObject({
        state: 'unavailable',
        code: 'CONFIG_INVALID',
        params: { field: 'registry.pinnedIssuers' },
      });
      expect(log.join('\n')).toMatch(
        /registry did not start: registry\.pinnedIssuers: cannot read .*issuers\.json as JSON/,
      );
    } finally {
      await core.close();
    }
  });
});
