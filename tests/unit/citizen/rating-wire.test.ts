import { describe, expect, it } from 'vitest';
import { ratingWire, type RatingWire } from '../../../protocol/rating-wire';

const base: RatingWire = {
  projNo: 'C20261201-0001',
  serviceCode: '510100-001',
  serviceName: '老年人优待证补领',
  serviceDepartmentCode: 'DMCAB01',
  hallCode: 'TRAIN01',
  windowNo: 'A03',
  evaluatedPersonInfo: { loginName: 'SC0012', name: '王芳' },
  evaluateChannel: 'PJQ',
  evaluateTime: '2026-12-01T10:00:00.000Z',
  evaluateLevel: 1,
  subEvaluations: { efficiency: 1, competence: 1, attitude: 2 },
  badReasons: [],
  badText: '',
};

describe('好差评 rating wire', () => {
  it('takes a good rating and a "not rated" record', () => {
    expect(ratingWire.safeParse(base).success).toBe(true);
    expect(ratingWire.safeParse({ ...base, evaluateLevel: null, subEvaluations: null }).success).toBe(true);
  });
  it('requires reasons and text for 不满意 and 非常不满意', () => {
    for (const l of [4, 5]) {
      expect(ratingWire.safeParse({ ...base, evaluateLevel: l }).success).toBe(false);
      expect(ratingWire.safeParse({ ...base, evaluateLevel: l, badReasons: ['等候时间长'] }).success).toBe(false);
      expect(
        ratingWire.safeParse({ ...base, evaluateLevel: l, badReasons: ['等候时间长'], badText: '排队一小时' }).success,
      ).toBe(true);
    }
  });
  it('refuses a default score hidden in a "not rated", other channels and unknown fields', () => {
    expect(ratingWire.safeParse({ ...base, evaluateLevel: null }).success).toBe(false);
    expect(ratingWire.safeParse({ ...base, evaluateChannel: 'APP' }).success).toBe(false);
    expect(ratingWire.safeParse({ ...base, idNumber: '1' }).success).toBe(false);
    expect(ratingWire.safeParse({ ...base, evaluateLevel: 6 }).success).toBe(false);
  });
});
