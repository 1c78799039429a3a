import { describe, expect, it } from 'vitest';
import { SandboxData } from '../../../sandbox/data';
import { ageOn } from '../../../sandbox/generator/dates';
import { holds } from '../../../sandbox/generator/personal';

const TODAY = '2026-11-23';
const data = new SandboxData({ today: TODAY });
const w = data.world;
const byName = (n: string) => w.residents.findIndex((r) => r.name === n && r.demonstrates);

describe('sandbox data for the service items', () => {
  it('pensions: only for residents 60 or over on the anchor, deterministic, shown as license 116002', () => {
    const holders = w.residents.filter((r) => r.pension);
    expect(holders.length).toBeGreaterThan(20);
    for (const r of holders.filter((x) => !x.demonstrates))
      expect(ageOn(r.birth, '2026-07-01')).toBeGreaterThanOrEqual(60);
    const again = new SandboxData({ today: TODAY }).world.residents.filter((r) => r.pension).map((r) => r.idNumber);
    expect(again).toEqual(holders.map((r) => r.idNumber));
    const qian = byName('钱秀兰');
    const refs = data.book.refsForHolder(w.residents[qian]!.idNumber).map((r) => data.book.catalog(r).certificateType);
    expect(refs).toEqual(
      expect.arrayContaining([
        '111001',
        '111002',
        '113001',
        '114001',
        '115001',
        '115002',
        '116002',
        '116001',
        '117001',
      ]),
    );
    const p = data.book.unsigned({ key: 'pension', index: qian });
    expect(p.surface).toMatchObject({ scheme: '城乡居民基本养老保险', status: '正常领取' });
  });

  it('benefit demo residents hold exactly the personal licenses they are given', () => {
    expect(holds(w.personal, 'birth_certificate', byName('林小雨'))).toBe(true);
    expect(holds(w.personal, 'driving_licence', byName('林芳'))).toBe(false);
    const huang = byName('黄志明');
    expect(holds(w.personal, 'marriage', huang)).toBe(true);
    expect(w.personal.spouse[huang]).toBe(byName('周慧'));
    // A non-local resident: no household here.
    expect(w.residents[byName('何建华')]!.household).toBe(-1);
  });

  it('every license of a tampered-all resident fails its signature; others keep theirs', () => {
    const deng = w.residents[byName('邓伟')]!;
    const faults = { brokenSignature: false, unknownIssuer: false };
    for (const ref of data.book.refsForHolder(deng.idNumber)) {
      const served = data.license(ref, faults);
      const clean = data.book.unsigned(ref);
      expect(JSON.stringify(served.surface), ref.key).not.toBe(JSON.stringify(clean.surface));
    }
    const qian = w.residents[byName('钱秀兰')]!;
    for (const ref of data.book.refsForHolder(qian.idNumber))
      expect(data.license(ref, faults).surface).toEqual(data.book.unsigned(ref).surface);
  });

  it('serves program areas for clean-energy and the programs in places.json, nothing for others', () => {
    expect(data.programAreas('clean-energy')!.length).toBeGreaterThan(10);
    const meal = data.programAreas('senior-meal')!;
    expect(meal.map((a) => a.name)).toEqual(expect.arrayContaining(['中心区和平街道光明社区']));
    expect(meal.some((a) => a.name.endsWith('朝阳社区'))).toBe(false);
    expect(data.programAreas('moon-base')).toBeUndefined();
  });
});
