import type { Core } from '../core/core';
import { departmentReceiver, Outbox, purgeOutbox, toView, type DepartmentReceiverOptions } from '../outbox';

/**
 * Finished messages (delivered or refused, and final) are kept this long for the clerk's and the
 * supervisor's questions, then deleted with their sealed payload. Undecided or owed ones are never.
 */
const OUTBOX_RETENTION_DAYS = 180;

/**
 * The outbox: submissions to departments now; the rating platform and the hall server register
 * their receiver families on core.services.outbox when they land. Started even with no
 * department configured, so what is queued waits (and says why) instead of being refused.
 */
export function wireOutbox(core: Core): void {
  const cipher = core.services.cipher;
  if (!cipher) return;
  let departments: DepartmentReceiverOptions | undefined;
  const conf = core.config.departments;
  if (conf) {
    departments = {
      default: { url: conf.url, appKey: conf.appKey, appSecret: conf.appSecret, timeoutMs: conf.timeoutMs },
      ...(conf.byCode ? { byCode: conf.byCode } : {}),
    };
  } else if (core.training && core.services.sandbox) {
    // The training sandbox serves the department back-office too, under /dept/, with the same app credentials.
    const s = core.services.sandbox;
    departments = { default: { url: s.url, appKey: s.appKey, appSecret: s.appSecret, timeoutMs: 5000 } };
    core.log(`training department: ${s.url}dept/v1`);
  } else {
    core.log('outbox: no department configured (departments in COUNTER_CONFIG); submissions are kept until one is');
  }
  const outbox = new Outbox({
    db: core.db,
    cipher,
    receivers: departments ? { department: departmentReceiver(departments) } : {},
    // Training decisions come in seconds, so the clerk sees them arrive; real ones take hours or days.
    pollMs: core.training ? 1000 : 30_000,
    log: (l) => core.log(l),
    onChange: (row) => {
      if (row.kind === 'submission') core.bus.emit('submission.changed', toView(core.db, cipher, row));
    },
  });
  core.services.outbox = outbox;
  try {
    const { purged } = purgeOutbox(core.db, OUTBOX_RETENTION_DAYS);
    if (purged)
      core.log(`outbox purge: ${purged} finished message(s) older than ${OUTBOX_RETENTION_DAYS} days removed`);
  } catch (err) {
    core.log(`outbox purge failed: ${err instanceof Error ? err.message : String(err)}`);
  }
  outbox.start();
  core.onClose(() => outbox.stop());
}
