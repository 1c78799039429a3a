import { describe, expect, it } from 'vitest';
import { baseFacts, householdRegister, unverified, verified } from '../../helpers/cases/fixtures';
import { evaluate } from '../../../electron/services/rules/evaluate';
import { ruleSchema } from '../../../electron/services/rules/schema';
import { check } from './helpers';

const rule = { kind: 'not-issued-this-season', season: { fromMonthDay: '11-01', toMonthDay: '03-31' } };

describe('rule not-issued-this-season', () => {
  it('asks about the normalised household address and the current season, and passes when none was issued', () => {
    const calls: string[][] = [];
    const reg = householdRegister('示范市青山区柳河镇东庄村１８號');
    const c = check(
      rule,
      baseFacts({
        licenses: [verified(reg)],
        now: new Date(2026, 0, 15),
        issuedForAddress: (...a) => (calls.push(a), []),
      }),
    );
    expect(c.result).toBe('passed');
    expect(calls).toEqual([['示范市青山区柳河镇东庄村18号', '2025-11-01', '2026-03-31']]);
    expect(c.detail?.zh).toBe('2025-11-01 至 2026-03-31');
  });

  it('fails and names the earlier serial when one was issued this season', () => {
    const c = check(rule, baseFacts({ issuedForAddress: () => ['TRAIN01-T-01-2025-000007'] }));
    expect(c.result).toBe('failed');
    expect(c.sentence.zh).toContain('已开具过本证明（编号 TRAIN01-T-01-2025-000007）');
  });

  it.each([
    [new Date(2025, 9, 31, 23, 59), '2025-11-01'],
    [new Date(2025, 10, 1, 0, 0), '2025-11-01'],
    [new Date(2026, 2, 31, 23, 59), '2025-11-01'],
    [new Date(2026, 3, 1, 0, 0), '2026-11-01'],
    [new Date(2024, 1, 29, 12, 0), '2023-11-01'],
  ])('on %s asks about the season starting %s', (now, start) => {
    let asked = '';
    check(rule, baseFacts({ now, issuedForAddress: (_a, s) => ((asked = s), []) }));
    expect(asked).toBe(start);
  });

  it('is unknown when the issue records cannot be read', () => {
    const c = check(
      rule,
      baseFacts({
        issuedForAddress: () => {
          throw new Error('SQLITE_BUSY');
        },
      }),
    );
    expect(c.result).toBe('unknown');
    expect(c.sentence.zh).toContain('无法核对本季是否已开具');
  });

  it('is unknown without a verified household register', () => {
    expect(check(rule, baseFacts({ licenses: [unverified(householdRegister())] })).result).toBe('unknown');
    expect(
      check(rule, baseFacts({ licenses: [], errors: [{ code: 'REGISTRY_UNAVAILABLE', message: 'x' }] })).result,
    ).toBe('unknown');
  });

  it('hands the season index key to the case layer', () => {
    const parsed = ruleSchema.parse({ id: 'season', ...rule });
    const ev = evaluate({ code: 'x', rules: [parsed], params: {} }, baseFacts());
    expect(ev.seasonIndex).toEqual({
      addressKey: '示范市青山区柳河镇东庄村18号',
      seasonStart: '2025-11-01',
      seasonEnd: '2026-03-31',
    });
  });
});
