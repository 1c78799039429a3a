import type { Core } from '../core/core';
import { CitizenScreen } from '../citizen/screen';
import { ratingReceiver } from '../citizen/haocha-receiver';
import { SigningService } from '../signature/service';

/**
 * The citizen's screen and the rating platform's receiver family (`rating`). Training sends ratings
 * to the sandbox platform (/haocha/v1, same app credentials); a production endpoint is not in the
 * config yet, so ratings are kept in the outbox (OUTBOX_RECEIVER_UNKNOWN) until one is.
 */
export function wireCitizen(core: Core, ratingTimeoutMs?: number): void {
  // Signatures are sealed with the case's data key; before the screen, which follows them.
  if (core.services.cipher) core.services.signing = new SigningService(core.db, core.services.cipher);
  core.services.citizen = new CitizenScreen(core, ratingTimeoutMs);
  core.onClose(() => core.services.citizen?.stop());
  // Training: the sandbox, whether started as a child or named as the registry, serves the platform too.
  const s = core.training ? (core.services.sandbox ?? core.config.registry) : undefined;
  if (core.services.outbox && s)
    core.services.outbox.register('rating', ratingReceiver({ url: s.url, appKey: s.appKey, appSecret: s.appSecret }));
  else core.log('ratings: no 好差评 platform configured; ratings wait in the outbox');
}
