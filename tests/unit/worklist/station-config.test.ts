import { describe, expect, it } from 'vitest';
import { configSchema, trainingConfig } from '../../../electron/services/config/schema';

/** The station's area is config (worklists start there by default); a bad code is refused at load. */
describe('config station.area', () => {
  const base = { hall: { id: 'H1', name: '大厅' }, counter: 'W-01' };

  it('takes an area code of 6, 9 or 12 digits and is optional', () => {
    for (const area of ['110901', '110901001', '110901001002'])
      expect(configSchema.parse({ ...base, station: { area } }).station).toEqual({ area });
    expect(configSchema.parse(base).station).toBeUndefined();
    expect(trainingConfig.station?.area).toBe('110901001');
  });

  it('refuses anything else, naming the field', () => {
    for (const area of ['11090', '1109010', 'abcdef', ''] as const) {
      const r = configSchema.safeParse({ ...base, station: { area } });
      expect(r.success).toBe(false);
      if (!r.success) expect(r.error.issues[0]?.path).toEqual(['station', 'area']);
    }
    expect(configSchema.safeParse({ ...base, station: { area: '110901', name: 'x' } }).success).toBe(false);
  });
});
