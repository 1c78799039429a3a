import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CitizenView } from '../../../electron/services/citizen/types';
import { HidSignaturePad } from '../../../native/signature-pad';
import { placeAndWait, removeCard } from '../../helpers/flow-steps';
import { SimStuPad } from '../../helpers/signature-pad/sim-pad';
import { until } from '../../helpers/until';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox';
import { startWeb, type WebFixture } from '../../helpers/web';

/**
 * citizen.sign end to end through the web host: a submitted application asks its applicant to sign,
 * the citizen's screen shows the document (name masked) with its hash, the strokes are stored sealed
 * with the case, and the application PDF is drawn with them; a stale hash is refused.
 */
const CARE = 'severe-disability-care-allowance';
let sandbox: TestSandbox;
let w: WebFixture;
const asCitizen = async (op: string, body: unknown = {}) =>
  JSON.parse((await w.api(op, body, { Authorization: `Bearer ${w.host.citizenSecret}` })).text) as {
    ok: boolean;
    value?: unknown;
    error?: { code: string };
  };
const wave = Array.from({ length: 60 }, (_, i) => ({ x: 20 + i * 10, y: 100 + 50 * Math.sin(i / 5), pressure: 0.5 }));

/** Dark pixels of the PDF's page 1 inside a rectangle (PDF points from the top-left), at 72 dpi. */
function inkIn(pdf: Buffer, box: { x: number; y: number; w: number; h: number }): number {
  const dir = mkdtempSync(join(tmpdir(), 'sig-'));
  writeFileSync(join(dir, 'a.pdf'), pdf);
  execFileSync('pdftoppm', ['-r', '72', '-gray', '-f', '1', '-l', '1', join(dir, 'a.pdf'), join(dir, 'p')]);
  const pgm = readFileSync(join(dir, 'p-1.pgm'));
  const [, wS, hS] = /^P5\s+(\d+)\s+(\d+)\s+255\s/.exec(pgm.toString('latin1', 0, 40))!;
  const width = Number(wS);
  const offset = pgm.length - width * Number(hS);
  let n = 0;
  for (let y = Math.round(box.y); y < box.y + box.h; y++)
    for (let x = Math.round(box.x); x < box.x + box.w; x++) if (pgm[offset + y * width + x]! < 128) n++;
  return n;
}

beforeAll(async () => {
  sandbox = await startTestSandbox();
  w = await startWeb({ boot: { registry: sandbox } });
});
afterAll(async () => {
  await w?.close();
  await sandbox?.stop();
});

describe('citizen.sign', () => {
  it('signs the application shown, stores it sealed, and the application PDF carries it', async () => {
    await w.signInAs('demo-clerk', 'training-123');
    const opened = await placeAndWait(w.core, '钱秀兰');
    const c = await w.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
    expect(
      (await asCitizen('citizen.sign', { hash: 'a'.repeat(64), width: 600, height: 200, strokes: [wave] })).error?.code,
    ).toBe('SIGNATURE_NOT_PENDING');
    const values = Object.fromEntries(c.form!.fields.map((x) => [x.key, x.value]));
    await w.callOk('case.apply', {
      caseId: c.caseId,
      values: { ...values, phone: '13912345678', bank: '示范银行', bankAccount: '6222020200112233445' },
    });
    const view = (await asCitizen('citizen.view')).value as CitizenView;
    expect(view.sign).toMatchObject({
      state: 'pending',
      signer: { zh: '申请人' },
      title: { zh: expect.stringContaining('申请表') },
    });
    expect(JSON.stringify(view)).not.toContain('钱秀兰');
    expect(view.sign!.rows.map((r) => r.value)).toContain('钱*兰');

    const unsigned = await w.callOk('case.applicationDocument', { caseId: c.caseId, kind: 'application' });
    expect(
      (await asCitizen('citizen.sign', { hash: 'a'.repeat(64), width: 600, height: 200, strokes: [wave] })).error?.code,
    ).toBe('SIGNATURE_OTHER_DOCUMENT');
    expect(
      await asCitizen('citizen.sign', { hash: view.sign!.hash, width: 600, height: 200, strokes: [wave] }),
    ).toMatchObject({
      ok: true,
    });
    expect(((await asCitizen('citizen.view')).value as CitizenView).sign?.state).toBe('signed');
    // Once signed, the same document cannot be signed again (nor the signature replaced).
    expect(
      (await asCitizen('citizen.sign', { hash: view.sign!.hash, width: 600, height: 200, strokes: [wave] })).error
        ?.code,
    ).toBe('SIGNATURE_NOT_PENDING');
    const row = w.core.db
      .prepare('SELECT signature, document_hash FROM signatures WHERE case_id = ?')
      .get(c.caseId) as {
      signature: Buffer;
      document_hash: string;
    };
    expect(row.document_hash).toBe(view.sign!.hash);
    expect(row.signature.toString('latin1')).not.toContain('pressure'); // sealed, not JSON

    const signed = await w.callOk('case.applicationDocument', { caseId: c.caseId, kind: 'application' });
    const a = Buffer.from(unsigned.pdfBase64, 'base64');
    const b = Buffer.from(signed.pdfBase64, 'base64');
    // The signature box is the last box before the footer: compare the whole lower page half.
    const lower = { x: 40, y: 300, w: 500, h: 500 };
    expect(inkIn(b, lower) - inkIn(a, lower)).toBeGreaterThan(60);

    // Then F8 and a rating: it reaches the platform although the case's submissions wait (no department here).
    await w.callOk('case.askRating', { caseId: c.caseId });
    expect(
      await asCitizen('citizen.rate', { level: 1, sub: { efficiency: 1, competence: 1, attitude: 1 } }),
    ).toMatchObject({ ok: true });
    await until(
      'the rating at the platform',
      async () => {
        const r = await fetch(new URL('/admin/ratings/received', sandbox.url), {
          headers: { 'x-admin-secret': sandbox.adminSecret },
        });
        return ((await r.json()) as { totals: { received: number } }).totals.received === 1;
      },
      { timeoutMs: 4000 },
    );
  });

  it('with a HID pad (simulated STU): the pad is cleared for the document, its strokes are what is signed', async () => {
    const sim = new SimStuPad();
    w.core.services.signaturePad = new HidSignaturePad(sim, 'sim STU-540');
    try {
      await w.callOk('case.close', { caseId: w.core.services.desk!.current()!.caseId });
      await removeCard(w.core);
      const opened = await placeAndWait(w.core, '钱秀兰');
      const c = await w.callOk('case.chooseItem', { caseId: opened.caseId, itemCode: CARE });
      const values = Object.fromEntries(c.form!.fields.map((x) => [x.key, x.value]));
      await w.callOk('case.apply', {
        caseId: c.caseId,
        values: { ...values, phone: '13912345678', bank: '示范银行', bankAccount: '6222020200112233445' },
      });
      // (The thanks screen of the first case's rating shows for a few seconds first.)
      const view = await until('the document to sign', async () => {
        const v = (await asCitizen('citizen.view')).value as CitizenView;
        return v.sign ? v : null;
      });
      expect(view.sign).toMatchObject({ state: 'pending', pad: 'hid' });
      await until('ink on', () => sim.ink);
      expect(sim.features.slice(0, 2)).toEqual([
        [0x20, 0x00],
        [0x21, 0x01],
      ]);
      // Confirmed with nothing on the pad: refused, and the pad starts over.
      expect((await asCitizen('citizen.sign', { hash: view.sign!.hash })).error?.code).toBe('SIGPAD_EMPTY');
      await until('ink on again', () => sim.ink);
      sim.pen(
        Array.from({ length: 80 }, (_, i) => ({
          inRange: true,
          down: true,
          pressure: 500,
          x: 500 + i * 100,
          y: 3000 + i * 20,
        })),
      );
      expect(await asCitizen('citizen.sign', { hash: view.sign!.hash })).toMatchObject({ ok: true });
      const sig = w.core.services.signing!.signatureFor(c.caseId, view.sign!.hash);
      expect(sig).toMatchObject({ width: 9600, height: 6000 });
      expect(sig!.strokes[0]).toHaveLength(80);
    } finally {
      delete w.core.services.signaturePad;
    }
  });
});
