import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CaseView, FormFieldView } from '../../../electron/api/types';
import { ratingRecord, storeRating } from '../../../electron/services/citizen/ratings';
import type { HallStatsRow } from '../../../electron/services/hall/types';
import { newPairingCode, revoke } from '../../../hall/auth';
import { startHall, type HallServer } from '../../../hall/server';
import { PASSWORD } from '../../helpers/core';
import { jobState, placeAndWait, removeCard } from '../../helpers/flow-steps';
import { startTestPg } from '../../helpers/hall/pg';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { until } from '../../helpers/until';
import { startWeb, type WebFixture } from '../../helpers/web';

/**
 * Three terminals (web hosts, each its own data folder and SQLite) and one hall server on real
 * PostgreSQL, all on loopback. Cases go through the real flow; the hall's events come only from
 * each terminal's audit log (services/hall/tailer.ts), never from the flow.
 */
const CARE = 'severe-disability-care-allowance';
const typed = { phone: '13912345678', bank: '示范银行', bankAccount: '6222020200112233445' };
const field = (c: CaseView, key: string): FormFieldView => c.form!.fields.find((f) => f.key === key)!;
const today = () => new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);

let pgs: Awaited<ReturnType<typeof startTestPg>>;
let hall: HallServer;
let sandbox: TestSandbox;
const terms: WebFixture[] = [];

beforeAll(async () => {
  pgs = await startTestPg();
  hall = await startHall({ databaseUrl: await pgs.freshDb(), dataKey: randomBytes(32) });
  sandbox = await startTestSandbox();
  for (const w of ['W1', 'W2', 'W3']) {
    const t = await startWeb({ boot: { registry: sandbox, counter: w, hallId: 'HALL01' } });
    await t.addAccount('t-admin', ['admin']);
    terms.push(t);
  }
}, 180_000);
afterAll(async () => {
  for (const t of terms) await t.close().catch(() => undefined);
  await sandbox?.stop();
  await hall?.close();
  await pgs?.stop();
});

async function as<T>(t: WebFixture, user: string, password: string, fn: () => Promise<T>): Promise<T> {
  await t.signInAs(user, password);
  try {
    return await fn();
  } finally {
    await t.signInAs('demo-clerk', 'training-123');
  }
}

/** Over the web host's HTTP API, as the renderer calls it. */
async function http(
  t: WebFixture,
  op: string,
  body: unknown,
): Promise<{ ok: boolean; value?: unknown; code?: string }> {
  const r = await t.api(op, body);
  const j = JSON.parse(r.text) as { ok: boolean; value?: unknown; error?: { code: string } };
  return { ok: j.ok, value: j.value, code: j.error?.code };
}

async function printCase(t: WebFixture, name: string, item: string): Promise<CaseView> {
  const c = await placeAndWait(t.core, name);
  await t.callOk('case.chooseItem', { caseId: c.caseId, itemCode: item });
  const done = jobState(t.core, c.caseId, 'completed');
  await t.callOk('case.print', { caseId: c.caseId });
  const v = await done;
  await removeCard(t.core);
  return v;
}

/** The terminal's own numbers, from its own SQLite (cases with an item are the hall's "accepted"). */
function ownCounts(t: WebFixture) {
  const q = (sql: string) => (t.core.db.prepare(sql).get() as { n: number }).n;
  return {
    accepted: q('SELECT count(*) n FROM cases WHERE item_code IS NOT NULL'),
    voided: q("SELECT count(*) n FROM cases WHERE state = 'voided'"),
    printed: q('SELECT count(*) n FROM cases WHERE serial IS NOT NULL'),
    submitted: q('SELECT count(DISTINCT case_id) n FROM outbox WHERE kind = ?'.replace('?', "'submission'")),
  };
}

describe('three terminals, one hall', () => {
  it('refuses an unpaired terminal and a wrong code', async () => {
    const t = terms[0]!;
    const r = await http(t, 'hall.stats', { from: today(), to: today(), by: 'total' });
    expect(r).toMatchObject({ ok: false, code: 'HALL_NOT_PAIRED' });
    await as(t, 't-admin', PASSWORD, async () => {
      const bad = await http(t, 'hall.pair', { url: hall.url, code: '00000000' });
      expect(bad).toMatchObject({ ok: false, code: 'HALL_PAIRING_REFUSED' });
      expect((await http(t, 'hall.link', {})).value).toMatchObject({ paired: false });
    });
    const refusals = await hall.pool.query("SELECT count(*) n FROM auth_refusals WHERE reason = 'bad-pairing-code'");
    expect(Number(refusals.rows[0].n)).toBeGreaterThanOrEqual(1);
  });

  it('pairs each terminal once with a code from the hall; the secret is sealed at the terminal', async () => {
    for (const t of terms)
      await as(t, 't-admin', PASSWORD, async () => {
        const code = await newPairingCode(hall.pool);
        const r = await http(t, 'hall.pair', { url: hall.url, code });
        expect(r).toMatchObject({ ok: true, value: { paired: true, url: hall.url } });
        // A code is spent once.
        expect(await http(t, 'hall.pair', { url: hall.url, code })).toMatchObject({ code: 'HALL_PAIRING_REFUSED' });
        const secret = t.core.services.hall!.credentials()!.secret;
        const row = t.core.db.prepare('SELECT secret FROM hall_link').get() as { secret: Buffer };
        expect(row.secret.toString('latin1')).not.toContain(secret);
      });
  });

  it("cases at each terminal; the hall's counts equal the sum of the terminals'", async () => {
    const [a, b, c] = terms as [WebFixture, WebFixture, WebFixture];
    await printCase(a, '张建国', 'clean-energy-check');
    await printCase(b, '张建国', 'clean-energy-check');
    await printCase(c, '张建国', 'clean-energy-check');
    const senior = await printCase(b, '赵桂兰', 'senior-card');
    await as(b, 'demo-supervisor', 'training-123', () =>
      b.callOk('case.void', { caseId: senior.caseId, reason: '申请人放弃办理' }),
    );
    // An application at A: submitted, and its confirmed values go to the hall's pool.
    const opened = await placeAndWait(a.core, '钱秀兰');
    const form = await a.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
    const values = Object.fromEntries(form.form!.fields.map((x) => [x.key, x.value]));
    await a.callOk('case.apply', { caseId: form.caseId, values: { ...values, ...typed } });
    expect(await a.callOk('hall.prefillSource', { caseId: form.caseId })).toMatchObject({ source: 'hall' });
    await a.callOk('case.close', { caseId: form.caseId });
    await removeCard(a.core);

    const sum = terms.map(ownCounts).reduce((x, y) => ({
      accepted: x.accepted + y.accepted,
      voided: x.voided + y.voided,
      printed: x.printed + y.printed,
      submitted: x.submitted + y.submitted,
    }));
    expect(sum).toEqual({ accepted: 5, voided: 1, printed: 4, submitted: 1 });
    const total = async () =>
      ((await b.callOk('hall.stats', { from: today(), to: today(), by: 'total' })).rows as HallStatsRow[])[0];
    await as(b, 'demo-supervisor', 'training-123', async () => {
      await until('the hall has every case', async () => (await total())?.accepted === sum.accepted, {
        timeoutMs: 20_000,
      });
      const t = (await total())!;
      expect(t).toMatchObject({
        accepted: sum.accepted,
        voided: sum.voided,
        completed: sum.printed,
        pending: sum.submitted,
      });
      const byWindow = (await b.callOk('hall.stats', { from: today(), to: today(), by: 'window' }))
        .rows as HallStatsRow[];
      expect(Object.fromEntries(byWindow.map((r) => [r.key, r.accepted]))).toEqual({ W1: 2, W2: 2, W3: 1 });
      const xlsx = await b.callOk('hall.export', { from: today(), to: today(), by: 'window', lang: 'zh-CN' });
      expect(Buffer.from(xlsx.base64, 'base64').subarray(0, 2).toString()).toBe('PK');
    });
    // Every terminal's events are at the hall once and in order, ending with its audit head.
    const ev = await hall.pool.query('SELECT terminal_id, seq, kind FROM events ORDER BY terminal_id, seq');
    const byTerm = new Map<string, number[]>();
    for (const r of ev.rows) byTerm.set(r.terminal_id, [...(byTerm.get(r.terminal_id) ?? []), Number(r.seq)]);
    expect(byTerm.size).toBe(3);
    for (const seqs of byTerm.values()) expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(Number((await hall.pool.query('SELECT count(*) n FROM sync_gaps')).rows[0].n)).toBe(0);
  });

  it('bad ratings open and overdue are counted over every terminal; a close at A is seen at B; no text leaves', async () => {
    const [a, b] = terms as [WebFixture, WebFixture];
    // A case chosen at A (the hall counts it as accepted), then rated 非常不满意.
    const opened = await placeAndWait(a.core, '李秀英');
    const v = await a.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: 'clean-energy-check' });
    await removeCard(a.core);
    const counter = { hall: 'HALL01', window: 'W1', clerk: { staffNo: '0001', name: '示范' } };
    const wire = ratingRecord(
      v,
      counter,
      { level: 5, sub: { efficiency: 5, competence: 4, attitude: 5 }, reasons: ['等候时间长'], text: '排队一个小时' },
      new Date(),
    );
    storeRating(a.core, 'demo-clerk', wire);
    const bad = () => b.callOk('hall.badRatings', {});
    await as(b, 'demo-supervisor', 'training-123', async () => {
      await until('the hall counts the bad rating taken at A', async () => (await bad()).open === 1, {
        timeoutMs: 20_000,
      });
      expect(await bad()).toEqual({ open: 1, overdue: 0, source: 'hall' });
    });
    // B alone has no bad rating of its own.
    expect(b.core.db.prepare('SELECT count(*) n FROM ratings').get()).toEqual({ n: 0 });
    await as(a, 'demo-supervisor', 'training-123', async () => {
      const id = (a.core.db.prepare('SELECT id FROM ratings WHERE case_id = ?').get(v.caseId) as { id: number }).id;
      await a.callOk('ratings.followUp', { ratingId: id, kind: 'verify', note: '已核实，等候过长' });
      await a.callOk('ratings.followUp', { ratingId: id, kind: 'callback', note: '电话回访，群众认可' });
      await a.callOk('ratings.followUp', { ratingId: id, kind: 'close', note: '已整改' });
    });
    await as(b, 'demo-supervisor', 'training-123', () =>
      until('the close at A reaches the hall', async () => (await bad()).open === 0, { timeoutMs: 20_000 }),
    );
    const steps = await hall.pool.query(
      "SELECT body FROM events WHERE kind IN ('rated', 'followed-up') AND case_id = $1 ORDER BY seq",
      [v.caseId],
    );
    const bodies = steps.rows.map((r) => JSON.parse(r.body as string) as { type: string; followUp?: string });
    expect(bodies.map((x) => x.followUp ?? x.type)).toEqual(['rated', 'verify', 'callback', 'close']);
    expect(JSON.stringify(bodies)).not.toMatch(/排队|等候|核实|回访|整改|示范/);
  });

  it('a clerk sees only their own numbers for today, whatever they ask', async () => {
    const b = terms[1]!;
    const v = await b.callOk('hall.stats', { from: '2026-01-01', to: '2026-12-31', by: 'clerk' });
    expect(v.scope).toMatchObject({ from: today(), to: today(), clerk: 'demo-clerk', hallWide: false });
    expect((v.rows as HallStatsRow[]).map((r) => r.key)).toEqual(['demo-clerk']);
  });

  it("a returning resident's form is prefilled at terminal B from the case at terminal A", async () => {
    const b = terms[1]!;
    await until('the pool values are at the hall', async () => {
      const r = await hall.pool.query('SELECT count(*) n FROM pool_values');
      return Number(r.rows[0].n) >= 3;
    });
    const opened = await placeAndWait(b.core, '钱秀兰');
    const c = await b.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
    expect(field(c, 'phone')).toMatchObject({ source: 'case', value: typed.phone });
    expect(field(c, 'bankAccount')).toMatchObject({ source: 'case', value: typed.bankAccount });
    // Labelled with the earlier case's item (the hall returns its code), as the terminal's own pool is.
    expect(field(c, 'phone').from?.en).toMatch(new RegExp(`${CARE}$`));
    expect(JSON.stringify(field(c, 'phone').from)).not.toContain('HALL');
    expect(await b.callOk('hall.prefillSource', { caseId: c.caseId })).toEqual({ source: 'hall', found: 3 });
    // Audited at the hall with terminal, clerk, case and item; the supervisor sees who read whose.
    await as(b, 'demo-supervisor', 'training-123', async () => {
      const reads = await b.callOk('hall.poolReads', { days: 1 });
      expect(reads.find((r) => r.caseId === c.caseId)).toMatchObject({
        clerkId: 'demo-clerk',
        itemCode: CARE,
        terminalId: b.core.services.hall!.credentials()!.terminalId,
      });
    });
    await b.callOk('case.close', { caseId: c.caseId });
    await removeCard(b.core);
    // PostgreSQL holds no readable ID number or name: the values are sealed, persons hashed.
    const dump = JSON.stringify((await hall.pool.query('SELECT * FROM pool_values')).rows);
    expect(dump).not.toContain(typed.bankAccount);
    expect(dump).not.toContain('钱秀兰');
  });

  it('without the hall, prefill falls back to the terminal and says so; a revoked terminal is refused', async () => {
    const c3 = terms[2]!;
    const id = c3.core.services.hall!.credentials()!.terminalId;
    expect(await revoke(hall.pool, id)).toBe(true);
    const r = await http(c3, 'hall.stats', { from: today(), to: today(), by: 'total' });
    expect(r).toMatchObject({ ok: false, code: 'HALL_REFUSED' });
    const opened = await placeAndWait(c3.core, '钱秀兰');
    const c = await c3.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
    expect(field(c, 'phone').source).toBe('clerk');
    expect(await c3.callOk('hall.prefillSource', { caseId: c.caseId })).toEqual({ source: 'local', reason: 'refused' });
    await c3.callOk('case.close', { caseId: c.caseId });
    await removeCard(c3.core);
    const refused = await hall.pool.query('SELECT count(*) n FROM auth_refusals WHERE terminal_id = $1', [id]);
    expect(Number(refused.rows[0].n)).toBeGreaterThanOrEqual(1);
  });

  it("a terminal's signed call replayed byte for byte is refused and logged", async () => {
    const a = terms[0]!;
    // A recording proxy on loopback between terminal A and the hall: what an eavesdropper on the hall LAN would have.
    const seen: { method: string; url: string; headers: IncomingHttpHeaders; body: Buffer }[] = [];
    const proxy = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks);
        seen.push({ method: req.method!, url: req.url!, headers: req.headers, body });
        void fetch(hall.url + req.url, {
          method: req.method,
          headers: req.headers as Record<string, string>,
          body: body.length ? body : undefined,
        }).then(async (r) => {
          res.writeHead(r.status, { 'content-type': 'application/json' });
          res.end(Buffer.from(await r.arrayBuffer()));
        });
      });
    });
    await new Promise<void>((r) => proxy.listen(0, '127.0.0.1', r));
    const viaProxy = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
    try {
      expect(await a.core.services.hall!.retarget(viaProxy)).toBe(true);
      await as(a, 'demo-supervisor', 'training-123', () =>
        a.callOk('hall.stats', { from: today(), to: today(), by: 'item' }),
      );
      const call = seen.find((x) => x.url.startsWith('/v1/stats'))!;
      expect(call).toBeTruthy();
      const again = await fetch(hall.url + call.url, {
        method: call.method,
        headers: call.headers as Record<string, string>,
      });
      expect(again.status).toBe(401);
      expect(await again.json()).toMatchObject({ code: 'HALL_UNAUTHORISED', params: { reason: 'replayed' } });
      const logged = await hall.pool.query(
        "SELECT count(*) n FROM auth_refusals WHERE reason = 'replayed' AND terminal_id = $1",
        [a.core.services.hall!.credentials()!.terminalId],
      );
      expect(Number(logged.rows[0].n)).toBe(1);
    } finally {
      await a.core.services.hall!.retarget(hall.url);
      await new Promise((r) => proxy.close(r));
    }
  });

  it("after the session, PostgreSQL's files hold no resident's name, ID number or confirmed value", async () => {
    const people = ['钱秀兰', '张建国', '赵桂兰'];
    const cards = terms[0]!.core.services.reader!.demoCards().filter((c) => people.includes(c.name));
    expect(cards).toHaveLength(3);
    const secrets = [...people, ...cards.map((c) => c.number), typed.bankAccount, typed.phone];
    const needles = secrets.flatMap((x) => [Buffer.from(x, 'utf8'), Buffer.from(x, 'utf16le')]);
    const control = Buffer.from(CARE, 'utf8'); // item codes are stored plain: a scan that reads nothing can't pass
    await hall.pool.query('CHECKPOINT');
    const hits: string[] = [];
    let controlSeen = false;
    const walk = (d: string) => {
      for (const f of readdirSync(d)) {
        const p = join(d, f);
        if (statSync(p).isDirectory()) walk(p);
        else {
          const bytes = readFileSync(p);
          for (const n of needles) if (bytes.includes(n)) hits.push(`${p}: ${n.toString('utf8')}`);
          if (bytes.includes(control)) controlSeen = true;
        }
      }
    };
    walk(pgs.db.dir);
    expect(controlSeen).toBe(true);
    expect(hits).toEqual([]);
  });
});
