/**
 * Commits cases with a department submission in a loop and delivers them, until killed. Prints,
 * each line written synchronously so it is in the pipe before the next step:
 *   committed <key>   after the case and its outbox message committed together
 *   sending <key>     just before an HTTP attempt
 *   failed <key>      the attempt failed (it is retried)
 *   answered <key>    the department answered; its acknowledgement is being recorded
 *   delivered <key>   after the department's acknowledgement was recorded
 * Usage: OUTBOX_TEST_KEY=<hex> node --import tsx crash-worker.ts <dbfile> <departmentUrl> [--drain]
 * --drain commits nothing new and exits 0 once every message is delivered.
 */
import { writeSync } from 'node:fs';
import { createCipher } from '../../../electron/services/crypto';
import { openDatabase } from '../../../electron/services/db/open';
import { departmentReceiver, Outbox, type Receiver } from '../../../electron/services/outbox';
import { APP, commitCaseWithSubmission } from '../../helpers/outbox/driver';

const [file, url, mode] = process.argv.slice(2);
if (!file || !url || !process.env.OUTBOX_TEST_KEY) {
  process.stderr.write('usage: OUTBOX_TEST_KEY=<hex> crash-worker.ts <dbfile> <departmentUrl> [--drain]\n');
  process.exit(2);
}
const line = (s: string) => writeSync(1, `${s}\n`);
const cipher = createCipher(Buffer.from(process.env.OUTBOX_TEST_KEY, 'hex'));
const db = openDatabase(file);
const dept = departmentReceiver({ default: { url, appKey: APP.appKey, appSecret: APP.appSecret, timeoutMs: 400 } });
const traced: Receiver = {
  async deliver(m) {
    line(`sending ${m.key}`);
    try {
      const a = await dept.deliver(m);
      line(`answered ${m.key}`);
      return a;
    } catch (err) {
      line(`failed ${m.key}`);
      throw err;
    }
  },
  poll: (m) => dept.poll!(m),
};
const outbox = new Outbox({
  db,
  cipher,
  receivers: { department: traced },
  backoff: { baseMs: 10, maxMs: 150 },
  pollMs: 50,
  onChange: (r) => {
    if (r.state === 'delivered' && r.remoteState === 'accepted') line(`delivered ${r.key}`);
  },
});
outbox.start();
line('ready');

if (mode === '--drain') {
  void outbox.drain(60_000).then(async (ok) => {
    await outbox.stop();
    db.close();
    process.exit(ok ? 0 : 3);
  });
} else {
  let n = 0;
  const pending = db.prepare("SELECT count(*) FROM outbox WHERE state = 'pending'").pluck();
  const tick = (): void => {
    // Do not pile up more than a screenful while the department is down.
    if ((pending.get() as number) < 12) {
      const { key } = commitCaseWithSubmission(db, cipher, outbox, { n: n++ });
      line(`committed ${key}`);
    }
    setTimeout(tick, 5);
  };
  tick();
}
