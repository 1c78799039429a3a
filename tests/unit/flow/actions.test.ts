import { describe, expect, it } from 'vitest';
import type { CaseRecord } from '../../../electron/services/cases';
import { blocked, caseActions } from '../../../electron/services/flow/actions';
import type { LiveCase } from '../../../electron/services/flow/live';

const failed = { id: 'x', result: 'failed' } as never;
const live = (o: Partial<LiveCase> = {}): LiveCase => ({
  id: 'c1',
  source: 'card',
  clerkId: 'a',
  holder: 'a',
  card: {} as never,
  openedAt: new Date(),
  fetch: Promise.resolve(),
  eligible: new Set(),
  ...o,
});
const rec = (state: CaseRecord['state'], serial?: string): CaseRecord =>
  ({ state, ...(serial ? { serial } : {}) }) as CaseRecord;
const fetched = { result: { licenses: [], missing: [], online: true, errors: [] } };

describe('what the clerk may do, derived from the case', () => {
  it('nothing to print until the licenses are in and an item is chosen', () => {
    expect(caseActions(live(), undefined)).toMatchObject({ chooseItem: true, preview: false, print: false });
    expect(
      caseActions(live({ itemCode: 'i', evaluation: { checks: [], eligible: true, blocking: [] } }), rec('open')),
    ).toMatchObject({ preview: true, print: false });
    expect(
      caseActions(
        live({ ...fetched, itemCode: 'i', evaluation: { checks: [], eligible: true, blocking: [] } }),
        rec('open'),
      ),
    ).toMatchObject({ print: true, override: false });
  });

  it('a failed check blocks until a supervisor approves; the approval fixes the item', () => {
    const evaluation = { checks: [failed], eligible: false, blocking: [failed] };
    expect(blocked(live({ evaluation }))).toBe(true);
    expect(caseActions(live({ ...fetched, itemCode: 'i', evaluation }), rec('open'))).toMatchObject({
      print: false,
      override: true,
      chooseItem: true,
    });
    const approved = live({ ...fetched, itemCode: 'i', evaluation, override: { by: 's', byName: 'S', reason: 'r' } });
    expect(blocked(approved)).toBe(false);
    expect(caseActions(approved, rec('open'))).toMatchObject({ print: true, override: false, chooseItem: false });
  });

  it('after issuing: retry only when the spooler never confirmed or the job failed; reprint once printed; void until voided', () => {
    const issued = live({ ...fetched, itemCode: 'i', evaluation: { checks: [], eligible: true, blocking: [] } });
    expect(caseActions(issued, rec('accepted', 'S1'))).toMatchObject({
      print: false,
      retry: true,
      reprint: false,
      void: true,
      chooseItem: false,
    });
    expect(
      caseActions({ ...issued, job: { jobId: 'j', printer: 'p', state: 'queued' } }, rec('accepted', 'S1')),
    ).toMatchObject({ retry: false });
    expect(
      caseActions({ ...issued, job: { jobId: 'j', printer: 'p', state: 'error' } }, rec('accepted', 'S1')),
    ).toMatchObject({ retry: true });
    expect(caseActions(issued, rec('completed', 'S1'))).toMatchObject({ retry: false, reprint: true, void: true });
    expect(caseActions(issued, rec('voided', 'S1'))).toMatchObject({
      retry: false,
      reprint: false,
      void: false,
      print: false,
    });
  });
});
