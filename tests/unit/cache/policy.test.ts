import { describe, expect, it } from 'vitest';
import { join, resolve } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import {
  CACHE_POLICY_FILE,
  loadCachePolicy,
  maxAgeMs,
  parseCachePolicy,
  retentionMs,
  ruleFor,
} from '../../../electron/services/cache/policy';
import { CacheError } from '../../../electron/services/cache/errors';
import { tempDir } from '../../helpers/licenses';

const resources = resolve(__dirname, '../../../resources');

describe('cache policy', () => {
  it('ships a valid policy covering every license type', () => {
    const policy = loadCachePolicy(join(resources, CACHE_POLICY_FILE));
    const { types } = JSON.parse(readFileSync(join(resources, 'registry/license-types.json'), 'utf8')) as {
      types: { code: string }[];
    };
    for (const t of types) expect(policy.types[t.code], `type ${t.code}`).toBeDefined();
    expect(ruleFor(policy, '111001').maxAgeHours).toBe(72);
    expect(ruleFor(policy, '111002').maxAgeHours).toBe(24);
    expect(ruleFor(policy, '113001').maxAgeHours).toBe(168);
    expect(ruleFor(policy, '999999')).toEqual(policy.default);
    expect(maxAgeMs(policy, '111002')).toBe(24 * 3_600_000);
    expect(retentionMs(policy, '111002')).toBe(policy.types['111002']!.retentionDays * 86_400_000);
  });

  it('rejects a policy that would purge data before it may stop being served', () => {
    const bad = {
      default: { maxAgeHours: 24, retentionDays: 7 },
      types: { '111002': { maxAgeHours: 240, retentionDays: 1 } },
    };
    expect(() => parseCachePolicy(bad)).toThrow(CacheError);
    expect(() => parseCachePolicy(bad)).toThrow(/types\.111002.*retentionDays must cover maxAgeHours/);
  });

  it('rejects missing defaults, negative ages and bad type codes with CACHE_POLICY_INVALID', () => {
    for (const bad of [
      { types: {} },
      { default: { maxAgeHours: -1, retentionDays: 7 }, types: {} },
      { default: { maxAgeHours: 1, retentionDays: 7 }, types: { abc: { maxAgeHours: 1, retentionDays: 1 } } },
    ]) {
      try {
        parseCachePolicy(bad);
        throw new Error('accepted an invalid policy');
      } catch (e) {
        expect((e as CacheError).code).toBe('CACHE_POLICY_INVALID');
      }
    }
  });

  it('reports an unreadable policy file by path', () => {
    const t = tempDir();
    const f = join(t.dir, 'p.json');
    writeFileSync(f, '{ not json');
    expect(() => loadCachePolicy(f)).toThrow(new RegExp(`${f}.*could not be read`));
    t.cleanup();
  });
});
