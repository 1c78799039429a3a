import { describe, expect, it } from 'vitest';
import { checkingItem, itemSnapshot, parseSnapshot, readingItem } from '../../../electron/services/batch/job-item';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { evaluators } from '../../../electron/services/rules';

const item = getItem(loadCatalog(), 'senior-card');

describe('what a batch job keeps of its item', () => {
  it("is the batch rules, each labelled as evaluate() labels it (its own label, else its evaluator's)", () => {
    const snap = itemSnapshot(item, new Date('2026-12-01T00:00:00Z'));
    expect(snap).toMatchObject({
      code: 'senior-card',
      names: item.names,
      listColumns: [],
      asOf: '2026-12-01T00:00:00.000Z',
    });
    expect(snap.rules.map((r) => r.id)).toEqual(['senior-age', 'resident-id-license']);
    const lic = item.rules.find((r) => r.id === 'resident-id-license')!;
    expect(snap.rules[1]!.label).toEqual(lic.label ?? evaluators[lic.kind].label);
    // What checking takes besides the rules, copies (the catalog's objects are not shared).
    expect(snap.params).toEqual(item.params);
    expect(snap.licenses).toEqual(item.licenses);
    expect(snap.licenses).not.toBe(item.licenses);
    // Round trip through the stored text.
    expect(parseSnapshot(JSON.stringify(snap), 'J')).toEqual(snap);
  });

  it("checks with the rules, parameters and licenses it kept; with today's item when it kept only labels", () => {
    const snap = itemSnapshot(item);
    const changed = { ...item, params: { seniorAge: 99 } };
    expect(checkingItem(snap, changed)).toEqual({
      code: 'senior-card',
      names: { zh: item.names.zh },
      listColumns: [],
      rules: snap.rules,
      params: { seniorAge: 60 },
      licenses: item.licenses,
    });
    const { params: _p, ...labelsOnly } = snap;
    expect(checkingItem(labelsOnly, changed)).toBe(changed);
    expect(checkingItem(undefined, changed)).toBe(changed);
  });

  it('stored damaged, is a BATCH_JOB_DAMAGED error, not a report with made-up labels', () => {
    const snap = itemSnapshot(item);
    for (const text of [
      '{',
      'null',
      '[]',
      JSON.stringify({ ...snap, rules: [{ id: 'x' }] }),
      JSON.stringify({ ...snap, params: [] }),
      JSON.stringify({ ...snap, licenses: [{ type: 1 }] }),
    ])
      expect(() => parseSnapshot(text, 'J1'), text).toThrow(expect.objectContaining({ code: 'BATCH_JOB_DAMAGED' }));
  });

  it('read, is the snapshot plus any rule the catalog item gained since (a job resumed after it wrote that check)', () => {
    const snap = itemSnapshot(item);
    const gained = {
      ...item,
      rules: [...item.rules, { ...item.rules.find((r) => r.id === 'senior-age')!, id: 'extra' }],
    };
    const relabelled = {
      ...gained,
      rules: gained.rules.map((r) => (r.id === 'senior-age' ? { ...r, label: { zh: '新', en: 'new' } } : r)),
    };
    const read = readingItem(snap, relabelled, 'senior-card');
    expect(read.rules.map((r) => [r.id, r.label?.zh])).toEqual([
      ['senior-age', '已达老年人优待年龄'],
      ['resident-id-license', snap.rules[1]!.label!.zh],
      ['extra', '已达老年人优待年龄'],
    ]);
    expect(readingItem(undefined, relabelled, 'senior-card').rules[0]!.label!.zh).toBe('新');
    expect(readingItem(undefined, undefined, 'gone')).toMatchObject({ code: 'gone', names: { zh: 'gone' }, rules: [] });
  });
});
