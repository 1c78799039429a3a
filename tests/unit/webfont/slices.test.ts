import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { create } from 'fontkit';
import { describe, expect, it } from 'vitest';
import { gb2312Hanzi, planSlices, unicodeRange } from '../../../scripts/webfont/slices';
import { ttcFace } from '../../../scripts/webfont/ttc';

const TTC = readFileSync(join(__dirname, '../../../resources/fonts/wqy-microhei.ttc'));

describe('the bundled face, split into web-font slices', () => {
  const face = ttcFace(TTC, 0);
  const { characterSet, postscriptName } = create(face) as unknown as {
    characterSet: number[];
    postscriptName: string;
  };
  const covered = new Set(characterSet);
  const ui = '政务服务柜台终端培训身份证号码校验位不正确';
  const slices = planSlices(covered, ui);

  it('takes face 0 of the collection out as a font of its own', () => {
    expect(TTC.toString('latin1', 0, 4)).toBe('ttcf');
    expect(face.readUInt32BE(0)).toBe(0x00010000);
    expect(postscriptName).toBe('WenQuanYiMicroHei');
  });

  it('puts Latin, the UI strings and all 3,755 common hanzi in the first slice', () => {
    const first = new Set(slices[0]);
    const { level1, level2 } = gb2312Hanzi();
    expect(level1).toHaveLength(3755);
    expect(level2).toHaveLength(3008);
    for (const c of [...ui, ...'ABCabc0123，。：（）“”、《》']) expect(first.has(c.codePointAt(0)!), c).toBe(true);
    expect(level1.every((cp) => first.has(cp))).toBe(true);
  });

  it('covers every Han character of the face exactly once, rare name characters included', () => {
    const han = characterSet.filter(
      (cp) => (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff),
    );
    expect(han.length).toBeGreaterThan(20_000);
    const all = slices.flat();
    expect(new Set(all).size).toBe(all.length);
    const inSlices = new Set(all);
    expect(han.filter((cp) => !inSlices.has(cp))).toEqual([]);
    for (const c of '堃喆昇犇淼焱垚赟龑䶮')
      if (covered.has(c.codePointAt(0)!)) expect(inSlices.has(c.codePointAt(0)!), c).toBe(true);
  });

  it('writes unicode-range with runs merged', () => {
    expect(unicodeRange([0x4e01, 0x4e00, 0x4e02, 0x4e05, 0x41])).toBe('U+41,U+4E00-4E02,U+4E05');
  });
});
