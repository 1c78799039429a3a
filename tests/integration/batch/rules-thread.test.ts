import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rowHolders, rowKey, type BatchItem } from '../../../electron/services/batch/check-row';
import { chunkOf, evaluateChunk, type ChunkRequest } from '../../../electron/services/batch/evaluate-chunk';
import { readRow, type RowInput } from '../../../electron/services/batch/mapping';
import {
  RulesHost,
  RulesThread,
  type RulesMessage,
  type RulesReply,
  type RulesThreadData,
} from '../../../electron/services/batch/rules-thread';
import { getItem, loadCatalog } from '../../../electron/services/catalog';
import { startSandbox, type SandboxHandle } from '../../../sandbox/server';
import { makeCore, type Fixture } from '../../helpers/core';
import { schoolList } from '../../helpers/school-list';

const TODAY = '2026-11-23';
const NOW = new Date(`${TODAY}T10:00:00+08:00`);

/**
 * The rules of a batch answer on their own thread (rules-thread.ts) give exactly the rows the main
 * thread gives, from real batch answers of the sandbox (verified by the registry client); a thread
 * that dies hands its chunks back, and a chunk the rules cannot read is an error, not a hang. The
 * thread outlives a run (each run with its own item and time) and ends when idle.
 */
describe('the batch rules thread', () => {
  let sb: SandboxHandle;
  let f: Fixture;
  let item: BatchItem;
  const chunks: ChunkRequest[] = [];

  beforeAll(async () => {
    sb = await startSandbox({
      port: 0,
      today: TODAY,
      residents: 3_000,
      appKey: 'rt-app',
      appSecret: 'rt-secret',
      adminSecret: 'a',
    });
    f = await makeCore({ boot: { registry: { url: sb.url, appKey: 'rt-app', appSecret: 'rt-secret' } } });
    item = getItem(loadCatalog(), 'school-enrolment');
    const list = schoolList(sb.data.world, TODAY, { real: 60 });
    const seen = new Set<string>();
    const mapping = { name: 1, idNumber: 2, fatherIdNumber: 3, motherIdNumber: 4 };
    const inputs: Array<{ seq: number; input: RowInput }> = [];
    list.csv
      .trim()
      .split('\n')
      .slice(1)
      .forEach((line, i) => {
        const r = readRow(line.split(','), mapping, seen, TODAY);
        if (r.ok) inputs.push({ seq: i + 1, input: r.input });
      });
    const types = item.licenses.map((l) => l.type);
    const usage = {
      organisation: 'o',
      clerk: 'c',
      itemName: '入学',
      itemCode: item.code,
      caseNumber: 'PL-RT-1',
      reason: '测试',
    };
    for (let i = 0; i < inputs.length; i += 20) {
      const rows = inputs.slice(i, i + 20);
      const got = await f.core.services.registry!.batchLicenses(
        rows.flatMap((p) => rowHolders(p.input).map((h) => ({ holderCode: h.idNumber, key: rowKey(p.seq, h.role) }))),
        usage,
        types,
      );
      chunks.push(chunkOf(rows, got, types));
    }
  }, 60_000);
  afterAll(async () => {
    await f?.close();
    await sb?.close();
  });

  const here = (c: ChunkRequest) => evaluateChunk(item, item, c, NOW);

  it('gives, chunk for chunk, the rows the main thread gives', async () => {
    const t = new RulesThread({ item, codec: item, now: NOW.toISOString() });
    try {
      expect(t.threaded).toBe(true);
      const got = await Promise.all(chunks.map((c) => t.evaluate(c)));
      expect(got).toEqual(chunks.map(here));
      // The lists' families are real ones and odd ones: the rows are not all one outcome.
      expect(new Set(got.flat().map((r) => r.outcome)).size).toBeGreaterThan(1);
    } finally {
      await t.close();
    }
  });

  it('hands the chunks of a thread that died back to the main thread, and goes on there', async () => {
    const host = new RulesHost();
    const t = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
    const sent = chunks.map((c) => t.evaluate(c));
    // Killed with chunks in flight, as a crash of the thread would leave them.
    await (host as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
    expect(await Promise.all(sent)).toEqual(chunks.map(here));
    expect(t.threaded).toBe(false);
    expect(await t.evaluate(chunks[0]!)).toEqual(here(chunks[0]!));
    await t.close();
    // The next run starts a thread of its own.
    const next = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
    expect(next.threaded).toBe(true);
    expect(await next.evaluate(chunks[1]!)).toEqual(here(chunks[1]!));
    await next.close();
    await host.stop();
  });

  it('keeps the thread for the next run, each run with its own time, at once or in turn', async () => {
    const host = new RulesHost();
    const later = new Date(NOW.getTime() + 10 * 365 * 86_400_000);
    try {
      const first = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
      const thread = host.threadId;
      expect(thread).toBeDefined();
      const other = new RulesThread({ item, codec: item, now: later.toISOString() }, host);
      const [a, b] = await Promise.all([first.evaluate(chunks[0]!), other.evaluate(chunks[0]!)]);
      expect(a).toEqual(here(chunks[0]!));
      expect(b).toEqual(evaluateChunk(item, item, chunks[0]!, later));
      // Ten years on, the children are past school age: the second run really was judged as of its own time.
      expect(b).not.toEqual(a);
      await first.close();
      await other.close();
      const again = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
      expect(host.threadId).toBe(thread);
      expect(await again.evaluate(chunks[1]!)).toEqual(here(chunks[1]!));
      await again.close();
    } finally {
      await host.stop();
    }
  });

  it('does here, at its close, the chunks a run still had with the thread, and the thread serves on', async () => {
    const host = new RulesHost();
    try {
      const t = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
      const sent = chunks.map((c) => t.evaluate(c));
      let settled = 0;
      sent.forEach((p) => void p.then(() => (settled += 1)));
      // A run that stopped on an error closes with chunks out: none may answer after its close.
      await t.close();
      await Promise.resolve();
      expect(settled).toBe(chunks.length);
      expect(await Promise.all(sent)).toEqual(chunks.map(here));
      const next = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
      expect(next.threaded).toBe(true);
      expect(await next.evaluate(chunks[2]!)).toEqual(here(chunks[2]!));
      await next.close();
    } finally {
      await host.stop();
    }
  });

  it('ends the thread when no run has used it for the idle time, and starts a new one after', async () => {
    const host = new RulesHost(50);
    const t = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
    const thread = host.threadId;
    await t.evaluate(chunks[0]!);
    await t.close();
    const until = Date.now() + 5_000;
    while (host.threadId !== undefined && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(host.threadId).toBeUndefined();
    const next = new RulesThread({ item, codec: item, now: NOW.toISOString() }, host);
    expect(host.threadId).not.toBe(thread);
    expect(await next.evaluate(chunks[0]!)).toEqual(here(chunks[0]!));
    await next.close();
    await host.stop();
  });

  // npm test builds before vitest runs; the app loads this file beside its main bundle.
  const built = resolve(__dirname, '../../../out/main/batch-rules-worker.js');
  if (!existsSync(built))
    console.info(`skipped: ${join('out', 'main', 'batch-rules-worker.js')} is not built (npm run build)`);
  it.skipIf(!existsSync(built))(
    'the built thread file answers as the main thread does (skipped when out/ is not built)',
    async () => {
      const w = new Worker(built);
      try {
        const data: RulesThreadData = { item, codec: item, now: NOW.toISOString() };
        const reply = await new Promise<RulesReply>((res, rej) => {
          w.once('message', res);
          w.once('error', rej);
          w.postMessage({ kind: 'open', run: 7, data } satisfies RulesMessage);
          w.postMessage({ kind: 'chunk', run: 7, id: 3, req: chunks[0]! } satisfies RulesMessage);
        });
        expect(reply).toEqual({ id: 3, rows: here(chunks[0]!) });
      } finally {
        await w.terminate();
      }
    },
  );

  it('fails a chunk the rules cannot read, and answers the next one', async () => {
    const t = new RulesThread({ item, codec: item, now: NOW.toISOString() });
    try {
      // A line pointing at a license the chunk does not hold: a bug upstream, never a made-up row.
      const bad: ChunkRequest = {
        licenses: [],
        rows: [{ input: chunks[0]!.rows[0]!.input, people: [{ role: 'child', licenses: [5], missing: [] }] }],
      };
      await expect(t.evaluate(bad)).rejects.toThrow();
      expect(t.threaded).toBe(true);
      expect(await t.evaluate(chunks[1]!)).toEqual(here(chunks[1]!));
    } finally {
      await t.close();
    }
  });
});
