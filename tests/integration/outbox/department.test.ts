import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedHeaders } from '../../../protocol/request-auth';
import { DEPT_PATH } from '../../../protocol/department-wire';
import type { SandboxHandle } from '../../../sandbox/server';
import { received, setDepartment, startDepartment } from '../../helpers/outbox/department';
import { APP } from '../../helpers/outbox/driver';

let clock = Date.parse('2026-12-01T08:00:00Z');
let dept: SandboxHandle;
beforeAll(async () => {
  dept = await startDepartment({ now: () => clock });
});
afterAll(() => dept.close());

const body = (id: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    submissionId: id,
    department: 'DMCAB01',
    itemCode: 'X-1',
    itemName: '大病救助',
    caseNumber: 'case-1',
    hall: { id: 'H1', name: '中心' },
    counter: 'C1',
    clerk: { id: 'k1' },
    applicant: { idNumber: '110903196803120017', name: '张三' },
    form: {},
    submittedAt: '2026-12-01T08:00:00.000Z',
    ...extra,
  });

async function call(
  method: 'GET' | 'POST',
  path: string,
  b?: string,
  headers: Record<string, string> = {},
  secret = APP.appSecret,
) {
  const h = signedHeaders({
    appKey: APP.appKey,
    appSecret: secret,
    method,
    pathAndQuery: path,
    ...(b ? { body: b } : {}),
    now: clock,
  });
  const r = await fetch(new URL(path, dept.url), {
    method,
    headers: { ...h, ...headers, 'content-type': 'application/json' },
    body: b,
  });
  return { status: r.status, json: (await r.json()) as Record<string, unknown> };
}
const post = (id: string, b = body(id), secret?: string) =>
  call('POST', DEPT_PATH, b, { 'idempotency-key': id }, secret);

describe('sandbox department (部门业务系统)', () => {
  it('refuses unsigned or wrongly signed calls', async () => {
    const r = await fetch(new URL(DEPT_PATH, dept.url), { method: 'POST', body: body('sub-unsigned-1') });
    expect(r.status).toBe(401);
    expect((await post('sub-badsig-01', undefined, 'wrong-secret-xxxxxxxx')).json.code).toBe('BAD_SIGNATURE');
  });

  it('takes a submission once: 201, then 200 with the same receipt, 409 for other content under the same id', async () => {
    const a = await post('sub-idem-0001');
    expect(a.status).toBe(201);
    expect(a.json.status).toBe('accepted');
    const b = await post('sub-idem-0001');
    expect(b.status).toBe(200);
    expect(b.json.receiptId).toBe(a.json.receiptId);
    const c = await post('sub-idem-0001', body('sub-idem-0001', { form: { x: 1 } }));
    expect(c.status).toBe(409);
    expect(c.json.code).toBe('IDEMPOTENCY_CONFLICT');
    const rec = (await received(dept.url)).submissions.find((s) => s.submissionId === 'sub-idem-0001');
    expect(rec?.posts).toBe(3);
  });

  it('refuses a body that breaks the schema, or a key that differs from the id', async () => {
    expect((await post('sub-bad-00001', JSON.stringify({ submissionId: 'sub-bad-00001' }))).status).toBe(422);
    expect((await call('POST', DEPT_PATH, body('sub-bad-00002'), { 'idempotency-key': 'other-key-123' })).status).toBe(
      400,
    );
  });

  it('decides after the delay by rules of thumb: 大病救助 approved in seconds, an allowance without bank account needs more information', async () => {
    await post('sub-decide-01');
    await post('sub-decide-02', body('sub-decide-02', { itemName: '困难残疾人生活补贴' }));
    await post('sub-decide-03', body('sub-decide-03', { itemName: '高龄津贴', form: { incomeAboveLine: true } }));
    const get = (id: string) => call('GET', `${DEPT_PATH}/${id}`);
    expect((await get('sub-decide-01')).json.status).toBe('accepted');
    clock += 3000;
    const d1 = await get('sub-decide-01');
    expect(d1.json.status).toBe('approved');
    expect((d1.json.reason as { zh: string }).zh).toContain('大病救助');
    expect((await get('sub-decide-02')).json.status).toBe('accepted');
    clock += 1000;
    expect((await get('sub-decide-02')).json.status).toBe('more-info');
    expect((await get('sub-decide-03')).json.status).toBe('rejected');
    expect((await get('sub-unknown-99')).status).toBe(404);
  });

  it('has its own faults (down, slow, 500), apart from the registry', async () => {
    await setDepartment(dept.url, { faults: { errorRate: 1 } });
    expect((await post('sub-fault-001')).status).toBe(500);
    await setDepartment(dept.url, { faults: { down: true } });
    await expect(post('sub-fault-002')).rejects.toThrow();
    const health = await fetch(new URL('healthz', dept.url));
    expect(health.status).toBe(200);
    await setDepartment(dept.url, { faults: { latencyMs: 150 } });
    const t0 = performance.now();
    expect((await post('sub-fault-003')).status).toBe(201);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    await setDepartment(dept.url, { faults: {} });
    const rec = await received(dept.url);
    expect(rec.submissions.map((s) => s.submissionId)).not.toContain('sub-fault-001');
    expect(rec.submissions.map((s) => s.submissionId)).not.toContain('sub-fault-002');
  });

  it('takes new rules at run time, validated', async () => {
    await setDepartment(dept.url, {
      rules: { default: { decision: 'rejected', afterMs: 0, reason: { zh: '不予受理', en: 'refused' } }, rules: [] },
    });
    expect((await post('sub-rules-001')).json.status).toBe('rejected');
    const bad = await fetch(new URL('admin/department', dept.url), {
      method: 'POST',
      headers: { 'x-admin-secret': APP.adminSecret },
      body: JSON.stringify({ rules: { default: {} } }),
    });
    expect(bad.status).toBe(400);
  });
});
