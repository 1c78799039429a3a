import type { Core } from '../core/core';
import { DeliveryError } from '../outbox';
import { hallReceiver } from '../hall/receiver';
import { hallPoolReceiverName, hallReceiverName } from '../hall/events';
import { worklistReceiver } from '../worklist/hall-share';
import { hallPoolReceiver } from '../hall/pool-receiver';
import { HallService } from '../hall/service';
import { join } from 'node:path';
import { startHallChild, type HallLauncher } from '../training/hall-child';

/**
 * Every outbox receiver a pairing sends to at its hall, named from one of them (`family:terminalId`):
 * its events, its pool entries and its worklists. One taking a message means the hall is back for
 * all of them (Receiver.sameServer).
 */
export function hallReceiversLike(receiver: string): string[] {
  const id = receiver.slice(receiver.indexOf(':') + 1);
  return [hallReceiverName(id), hallPoolReceiverName(id), worklistReceiver(id)];
}

/**
 * The hall link (services/hall): sealed credentials, the audit tailer, and the `hall` and
 * `hallpool` receiver families on the outbox. Messages of an earlier pairing (another terminal id,
 * so another receiver name) are refused as final: the new hall numbers this terminal from 1.
 */
export function wireHall(core: Core, launchHall?: HallLauncher): void {
  const cipher = core.services.cipher;
  const outbox = core.services.outbox;
  if (!cipher || !outbox) return;
  const hall = new HallService(core, cipher, outbox);
  core.services.hall = hall;
  const forThisPairing = (receiver: string) =>
    receiver === hallPoolReceiverName(hall.credentials()?.terminalId ?? '') ? hall.client() : null;
  const events = hallReceiver(() => hall.client());
  const earlier = (receiver: string) => !!hall.receiver() && receiver !== hall.receiver();
  const refused = () => new DeliveryError('OUTBOX_REFUSED', 'queued for an earlier pairing', false);
  // Batched like the bare receiver (catch-up speed), but a run of an earlier pairing is refused.
  outbox.register('hall', {
    ...events,
    sameServer: hallReceiversLike,
    deliver: (msg) => (earlier(msg.receiver) ? Promise.reject(refused()) : events.deliver(msg)),
    deliverBatch: (msgs) =>
      msgs.some((m) => earlier(m.receiver)) ? Promise.reject(refused()) : events.deliverBatch!(msgs),
  });
  outbox.register('hallpool', { ...hallPoolReceiver(forThisPairing), sameServer: hallReceiversLike });
  hall.start();
  core.onClose(() => hall.stop());
  if (core.training && launchHall && process.env.COUNTER_TRAINING_HALL !== '0') trainingHall(core, hall, launchHall);
  const s = hall.state();
  core.log(
    s.paired ? `hall: paired with ${s.url} as ${s.terminalId}` : 'hall: not paired (an admin pairs it under Hall)',
  );
}

/**
 * Training: a hall server as a child with its embedded PostgreSQL under the data folder, paired
 * by itself, so a newcomer sees hall statistics with no set-up. Started in the background: the
 * terminal is up at once, and the first PostgreSQL initdb (seconds) does not delay it. The hall's
 * data persists, so a known pairing only gets the new port; an unknown one pairs with the new code.
 */
function trainingHall(core: Core, hall: HallService, launch: HallLauncher): void {
  let stopped = false;
  const started = startHallChild(launch, join(core.opts.dataDir, 'training-hall'));
  core.onClose(async () => {
    stopped = true;
    await started.then((c) => c.stop()).catch(() => undefined);
  });
  void started
    .then(async (child) => {
      if (stopped) return;
      core.services.hallChild = child;
      core.log(`training hall: ${child.url}`);
      if (await hall.retarget(child.url)) return;
      await hall.pair(child.url, child.code, 'training');
    })
    .catch((e: unknown) => core.log(`training hall did not start: ${e instanceof Error ? e.message : String(e)}`));
}
