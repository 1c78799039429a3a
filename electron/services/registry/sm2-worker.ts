import { parentPort } from 'node:worker_threads';
import { verifyItem, type PoolReply, type PoolRequest } from './sm2-pool';

/**
 * A verification thread of the SM2 pool: the curve check on digests the main thread computed.
 * Each issuer key's table is built here once (~5–10 ms in WebAssembly) and kept; a bad key or signature is a
 * `false` verdict, never a crash of the thread.
 */
parentPort!.on('message', (req: PoolRequest) => {
  parentPort!.postMessage({ id: req.id, results: req.items.map(verifyItem) } satisfies PoolReply);
});
