import { parentPort, workerData } from 'node:worker_threads';
import { evaluateChunk } from './evaluate-chunk';
import type { RulesReply, RulesRequest, RulesThreadData } from './rules-thread';

/**
 * The rules thread of a batch run: the item's rules over each verified answer and each line's
 * checks encoded, so the main thread (Electron's main process in the desktop app) only parses,
 * verifies, seals and writes. A failure is sent back as a message; the run then does the chunk
 * itself.
 */
const d = workerData as RulesThreadData;
const now = new Date(d.now);
parentPort!.on('message', (m: RulesRequest) => {
  try {
    parentPort!.postMessage({ id: m.id, rows: evaluateChunk(d.item, d.codec, m.req, now) } satisfies RulesReply);
  } catch (e) {
    parentPort!.postMessage({ id: m.id, error: e instanceof Error ? e.message : String(e) } satisfies RulesReply);
  }
});
