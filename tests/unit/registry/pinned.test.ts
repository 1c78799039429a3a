import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadPinnedIssuers } from '../../../electron/services/registry/pinned';

const dir = mkdtempSync(join(tmpdir(), 'pinned-'));
const file = (name: string, body: string) => {
  const p = join(dir, name);
  writeFileSync(p, body);
  return p;
};
const KEY = '04' + 'A1'.repeat(64);

describe('loadPinnedIssuers', () => {
  it('reads issuer codes and keys (case-insensitive hex)', () => {
    const m = loadPinnedIssuers(
      file('ok.json', JSON.stringify([{ issuerCode: 'DMPSB01', publicKey: KEY, name: '示范市公安局' }])),
    );
    expect([...m]).toEqual([['DMPSB01', KEY.toLowerCase()]]);
  });

  it('stops with a message naming the setting for a missing file, bad JSON, a bad key or an empty list', () => {
    const cases = [
      [join(dir, 'missing.json'), /cannot read .*missing\.json/],
      [file('bad.json', '{not json'), /cannot read .*bad\.json as JSON/],
      [
        file('key.json', JSON.stringify([{ issuerCode: 'X', publicKey: '04abcd' }])),
        /entry 0\.publicKey: an uncompressed SM2 public key/,
      ],
      [file('empty.json', '[]'), /bad|too small|>=1|at least/i],
    ] as const;
    for (const [path, why] of cases) {
      expect(() => loadPinnedIssuers(path)).toThrow(why);
      try {
        loadPinnedIssuers(path);
      } catch (e) {
        expect(e).toMatchObject({ code: 'CONFIG_INVALID' });
        expect((e as Error).message).toMatch(/^registry\.pinnedIssuers: /);
      }
    }
  });
});
