/**
 * A batch run in its own process, for the crash test: boots the terminal from COUNTER_CONFIG and
 * COUNTER_DATA_DIR (the same folder every time), creates job BATCH_JOB over BATCH_LIST once, then
 * runs it through the registry's batch endpoint, printing `done N` on every progress event so the
 * test knows where to SIGKILL it, and `end <state>` when it finishes.
 */
import { resolve } from 'node:path';
import { BatchRunner, createJob, getJob } from '../../electron/services/batch';
import { getItem, loadCatalog } from '../../electron/services/catalog';
import { bootCore } from '../../electron/services/core/boot';
import { nodeSandboxLauncher } from '../../electron/services/training/sandbox-child';

async function main(): Promise<void> {
  const job = process.env.BATCH_JOB!;
  const core = await bootCore({
    host: 'web',
    version: '0.0.0-test',
    env: process.env,
    launchSandbox: nodeSandboxLauncher(__dirname, resolve(__dirname, '../..')),
    log: () => undefined,
  });
  const { db } = core;
  const cipher = core.services.cipher!;
  const item = getItem(loadCatalog(), 'senior-card');
  try {
    // Killed after its last row but before it said so: the job is complete, nothing to resume.
    if (getJob(db, cipher, job).state === 'done') {
      process.stdout.write('end done\n');
      return await core.close();
    }
  } catch {
    createJob(db, cipher, {
      id: job,
      itemCode: item.code,
      reason: '老年人优待证批量资格核验',
      clerkId: 'S001',
      source: process.env.BATCH_LIST!,
      mapping: { name: 0, idNumber: 1 },
    });
  }
  const runner = new BatchRunner({
    db,
    cipher,
    licenses: core.services.licenses!,
    batch: core.services.registry!,
    batchSize: 10,
    concurrency: 2,
    // Grouped commits as in the app, in smaller groups: progress (which the test kills on) moves
    // in steps of at most 50 rows, so a kill point is not passed by a single commit near the end.
    commitGroup: { ms: 25, rows: 50 },
    item,
    who: { organisation: '示范市政务服务中心', clerk: 'S001 批量核验' },
  });
  runner.on('progress', (p) => process.stdout.write(`done ${p.done}\n`));
  runner.on('fallback', (why) => process.stdout.write(`fallback ${why.replace(/\s+/g, ' ')}\n`));
  const end = await runner.run(job);
  process.stdout.write(`end ${end}\n`);
  await core.close();
}

main().catch((e: unknown) => {
  process.stderr.write(`batch child failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
  process.exit(1);
});
