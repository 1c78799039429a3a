import { parentPort } from 'node:worker_threads';
import { evaluateChunk } from './evaluate-chunk';
import type { RulesMessage, RulesReply, RulesThreadData } from './rules-thread';

/**
 * The rules thread of batch runs (rules-thread.ts): the item's rules over each verified answer and
 * each line's checks encoded, so the main thread (Electron's main process in the desktop app) only
 * parses, verifies, seals and writes. It lives across runs, so each run opens with its own item and
 * time. A failure is sent back as a message; the run then does the chunk itself.
 */
const runs = new Map<number, RulesThreadData & { at: Date }>();
parentPort!.on('message', (m: RulesMessage) => {
  if (m.kind === 'open') return void runs.set(m.run, { ...m.data, at: new Date(m.data.now) });
  if (m.kind === 'close') return void runs.delete(m.run);
  try {
    const r = runs.get(m.run);
    if (!r) throw new Error(`a chunk of run ${m.run}, which was not opened on this thread`);
    parentPort!.postMessage({ id: m.id, rows: evaluateChunk(r.item, r.codec, m.req, r.at) } satisfies RulesReply);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies RulesReply);
  }
});
