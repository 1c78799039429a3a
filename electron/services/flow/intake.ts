import { AppError } from '../errors';
import type { CaseView } from '../../api/types';
import { idNumberBirth, idNumberSex, isValidIdNumber, sexByCode, type Card } from '../../../native/id-reader';
import { openCase } from '../cases';
import type { FetchResult } from '../licenses';
import { evaluate } from '../rules';
import { programAreas } from './areas';
import { auditCase, auditFetch } from './audit';
import { photoOf } from './certificate';
import type { FlowContext } from './context';
import { followUps } from './follow-ups';
import type { LiveCase } from './live';
import { usageFor } from './usage';

/** F6: the card cannot be read, so the clerk types the number (check digit verified) with a reason. */
export function manualCard(idNumber: string, name: string, validTo: string): Card {
  const number = idNumber.toUpperCase();
  if (!isValidIdNumber(number))
    throw new AppError(
      'CASE_ID_INVALID',
      'The ID number check digit is wrong; check the number on the card and type it again.',
      'idNumber',
    );
  const sexCode = idNumberSex(number) ?? '9';
  return {
    kind: 'resident',
    name,
    sex: sexByCode(sexCode) ?? { code: sexCode, label: '', labelEn: '' },
    birth: idNumberBirth(number) ?? '',
    number,
    validFrom: '',
    validTo: validTo === '长期' ? 'long-term' : validTo,
    extra: {},
    warnings: [],
  };
}

/** Opens the case (record and audit in one transaction) and starts the registry fetch at once. */
export function openFor(ctx: FlowContext, card: Card, source: 'card' | 'manual', reason?: string): CaseView {
  const { core, d } = ctx;
  const openedAt = new Date();
  const clerkId = core.session?.userId ?? 'unknown';
  const { id } = core.db.transaction(() => {
    const opened = openCase(core.db, d.cipher, {
      hallId: core.config.hall.id,
      counterId: core.config.counter,
      clerkId,
      source,
      ...(reason ? { manualReason: reason } : {}),
      person: {
        name: card.name,
        idNumber: card.number,
        sex: card.sex.label,
        birth: card.birth,
        ...(card.nation ? { nation: card.nation.label } : {}),
        ...(card.address ? { address: card.address } : {}),
        cardKind: card.kind,
      },
      cardReadAt: openedAt,
    });
    auditCase(core, d.cipher, { id: opened.id, card }, 'card-read', {
      purpose: reason ?? 'card placed on the reader',
      detail: { source, kind: card.kind },
    });
    return opened;
  })();
  const live: LiveCase = {
    id,
    source,
    clerkId,
    holder: clerkId,
    card,
    openedAt,
    fetch: Promise.resolve(),
    eligible: new Set(),
  };
  live.fetch = prefetch(ctx, live);
  ctx.book.add(live);
  ctx.book.currentId = id;
  return ctx.publish(id);
}

const noRegistry = (wanted: string[], code: FetchResult['errors'][number]['code'], message: string): FetchResult => ({
  licenses: [],
  missing: wanted,
  online: false,
  errors: [{ code, message }],
});

/** Starts at card read, before the item is chosen, so the clerk never waits on the registry. */
async function prefetch(ctx: FlowContext, live: LiveCase): Promise<void> {
  const { core, d, wanted } = ctx;
  const usage = usageFor(core, live.id);
  const licenses = core.services.licenses;
  const [result, areas] = await Promise.all([
    licenses
      ? licenses
          .fetchForHolder(live.card.number, usage, wanted)
          .catch((err: unknown) =>
            noRegistry(wanted, 'REGISTRY_FAILED', err instanceof Error ? err.message : String(err)),
          )
      : noRegistry(
          wanted,
          'REGISTRY_NOT_CONFIGURED',
          'No registry is configured or it did not start, so no licenses can be fetched.',
        ),
    programAreas(core, core.services.registry, usage, ctx.programs).catch(() => undefined),
  ]);
  live.result = result;
  if (areas) live.areas = areas;
  await followUps(ctx, live, usage);
  try {
    auditFetch(core, d.cipher, live, result, usage.reason);
  } catch (err) {
    ctx.log('audit of the registry fetch failed', err);
  }
  const photo = photoOf(live, ctx.facts(live, null));
  if (photo) live.photo = `data:image/png;base64,${photo.toString('base64')}`;
  for (const item of d.catalog.items) {
    try {
      if (evaluate(item, ctx.facts(live, item)).eligible) live.eligible.add(item.code);
    } catch {
      // ranking only: an item that cannot be evaluated is simply not marked eligible
    }
  }
  if (ctx.book.peek(live.id)) ctx.publish(live.id);
}

/**
 * For a worklist task (services/worklist): the case was opened without the card at the counter,
 * so the card's validity is taken from the verified resident-ID license the registry holds for
 * that person, once the fetch is in. Without one the date stays empty and card-valid is unknown.
 */
export async function cardFromRegistry(ctx: FlowContext, caseId: string): Promise<void> {
  const live = ctx.book.need(caseId);
  await live.fetch;
  const own = live.result?.licenses.find(
    (l) =>
      l.license.certificateType === '111001' &&
      l.verification.state === 'verified' &&
      l.license.certificateHolderCode === live.card.number,
  );
  const validTo = own?.license.surface.validTo;
  if (typeof validTo === 'string' && validTo)
    live.card = { ...live.card, validTo: /^(长期|long[- ]?term)$/i.test(validTo) ? 'long-term' : validTo };
}
