/**
 * A process that uses the app's worker threads and closes nothing: it must stay up while an
 * answer is due (it prints each one) and end once the threads are idle, long before the rules
 * thread's idle time. `tests/integration/batch/thread-exit.test.ts` runs it.
 */
import { RulesThread } from '../../electron/services/batch/rules-thread';
import { getItem, loadCatalog } from '../../electron/services/catalog';
import { Sm2Pool } from '../../electron/services/registry/sm2-pool';
import { createSm2Signer, createSm2Verifier, sm2PrivateKeyFromSeed } from '../../protocol/sm2';

const item = getItem(loadCatalog(), 'senior-card');
const rules = new RulesThread({ item, codec: item, now: new Date().toISOString() });
const signer = createSm2Signer(sm2PrivateKeyFromSeed('exit-child'));
const pool = new Sm2Pool(1);
const text = '{"exit":1}';
const check = { key: signer.publicKey, e: createSm2Verifier(signer.publicKey).digest(text), sig: signer.sign(text) };
process.stdout.write(`threaded ${rules.threaded} ${pool.threads}\n`);
// Nothing else holds the event loop: only the threads' pending answers keep this process up.
void rules.evaluate({ licenses: [], rows: [] }).then(async (rows) => {
  process.stdout.write(`rules answered ${rows.length}\n`);
  await rules.close();
  const ok = await pool.verify([check]);
  process.stdout.write(`sm2 answered ${ok.join(',')}\n`);
});
