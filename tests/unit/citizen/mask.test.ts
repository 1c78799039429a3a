import { describe, expect, it } from 'vitest';
import { maskLongNumbers, maskName, maskNameIn } from '../../../electron/services/citizen/mask';

describe('what the citizen screen masks', () => {
  it('the full name inside any sentence, and whole ID-like numbers', () => {
    expect(maskName('钱秀兰')).toBe('钱*兰');
    expect(maskNameIn('钱秀兰持有残疾人证（证号 11090119400615288111）', '钱秀兰')).toBe(
      '钱*兰持有残疾人证（证号 110901**********8111）',
    );
    expect(maskLongNumbers('110901194006152881')).toBe('110901********2881');
    expect(maskLongNumbers('11090119400615288X')).toBe('110901********288X');
    // A phone number or a household number stays readable for the citizen to check.
    expect(maskLongNumbers('13912345678 / 09010100135')).toBe('13912345678 / 09010100135');
    expect(maskNameIn('李四 said', '李')).toBe('李四 said'); // a one-character "name" is not masked
  });
});
