import { getCase } from '../cases';
import type { Catalog } from '../catalog';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import { poolKeys } from '../forms';
import type { DataPool, PooledValue, PoolWrite } from '../pool';
import { hallPoolReceiverName } from './events';
import { personHash } from './person';
import type { HallPrefillSource } from './types';

const HALL_ITEM = 'HALL';
/** The clerk is waiting at the item's choice: the hall gets this long, then the terminal's own pool serves. */
const PREFETCH_MS = 1500;
/** After the hall failed to answer, the next clerks are not made to wait for it again this long. */
const BACKOFF_MS = 30_000;

/**
 * The data pool with the hall behind it. `prefetch` (before the item's form is built) asks the hall
 * for this case's person and the item's pool keys, only for a case opened by card or a recorded
 * manual entry (every case is one of the two; the hall audits the read). `read` then returns the
 * terminal's own values (audited here) with the hall's where they are newer. `write` keeps the
 * values here and queues them for the hall in the same transaction (outbox `hallpool:`).
 */
export function hallAwarePool(core: Core, cipher: RecordCipher, local: DataPool, catalog: Catalog) {
  const fetched = new Map<string, Map<string, PooledValue>>();
  let downUntil = 0;
  const sources = new Map<string, HallPrefillSource>();
  const remember = (caseId: string, s: HallPrefillSource) => {
    sources.set(caseId, s);
    // Only the cases at the counter matter; keep the maps small.
    if (sources.size > 50) sources.delete(sources.keys().next().value!);
    if (fetched.size > 50) fetched.delete(fetched.keys().next().value!);
  };

  async function prefetch(caseId: string, itemCode: string): Promise<void> {
    const hall = core.services.hall;
    const creds = hall?.credentials();
    const client = hall?.client();
    if (!hall || !creds || !client) return remember(caseId, { source: 'local', reason: 'unpaired' });
    if (!creds.personKey) return remember(caseId, { source: 'local', reason: 'no-key' });
    const item = catalog.byCode.get(itemCode);
    const keys = item?.form ? poolKeys(item.form) : [];
    if (!keys.length) return;
    if (Date.now() < downUntil) return remember(caseId, { source: 'local', reason: 'unreachable' });
    const rec = getCase(core.db, cipher, caseId);
    if (rec.source !== 'card' && !(rec.source === 'manual' && rec.manualReason)) return;
    try {
      const r = await Promise.race([
        client.poolRead({
          personHash: personHash(creds.personKey, rec.person.idNumber),
          caseId,
          clerkId: core.session?.userId ?? rec.clerkId,
          itemCode,
          fields: keys,
        }),
        new Promise<never>((_, rej) => setTimeout(() => rej(new Error('timeout')), PREFETCH_MS).unref?.()),
      ]);
      const m = new Map<string, PooledValue>();
      for (const [k, v] of Object.entries(r.values))
        m.set(k, {
          value: v.value,
          // Labelled like the terminal's own pool, by the earlier case's item; 'HALL' from an older hall.
          itemCode: v.itemCode || HALL_ITEM,
          caseId: '',
          confirmedAt: new Date(v.confirmedAt).toISOString(),
        });
      fetched.set(caseId, m);
      remember(caseId, { source: 'hall', found: m.size });
    } catch (e) {
      const refused = (e as { status?: number }).status === 401;
      if (!refused) downUntil = Date.now() + BACKOFF_MS;
      remember(caseId, { source: 'local', reason: refused ? 'refused' : 'unreachable' });
    }
  }

  const pool: DataPool = {
    read(caseId, keys) {
      const own = local.read(caseId, keys);
      const hall = fetched.get(caseId);
      if (hall)
        for (const [k, v] of hall) {
          const mine = own.get(k);
          if (!mine || mine.confirmedAt < v.confirmedAt) own.set(k, v);
        }
      return own;
    },
    write(w: PoolWrite) {
      local.write(w);
      const hall = core.services.hall;
      const creds = hall?.credentials();
      const outbox = core.services.outbox;
      const values = Object.fromEntries(Object.entries(w.values).filter(([, v]) => v !== ''));
      if (!creds?.personKey || !outbox || !Object.keys(values).length) return;
      const rec = getCase(core.db, cipher, w.caseId);
      outbox.enqueue(core.db, {
        kind: 'hall-pool',
        receiver: hallPoolReceiverName(creds.terminalId),
        key: `pool.${w.caseId}.${w.itemCode}`,
        caseId: w.caseId,
        itemCode: w.itemCode,
        payload: {
          personHash: personHash(creds.personKey, rec.person.idNumber),
          caseId: w.caseId,
          itemCode: w.itemCode,
          values,
        },
      });
    },
  };
  return {
    pool,
    prefetch,
    /** What the form of this case says about its prefill (null: no pool keys, nothing asked). */
    sourceOf: (caseId: string): HallPrefillSource | null => sources.get(caseId) ?? null,
  };
}
export type HallAwarePool = ReturnType<typeof hallAwarePool>;
