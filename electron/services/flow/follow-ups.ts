import { followUpFetches } from '../rules';
import type { FlowContext } from './context';
import type { LiveCase } from './live';
import type { usageFor } from './usage';

/**
 * A house owned by another household member is found only by searching under that member, so
 * the items that accept household property ask for those searches after the first answer.
 */
export async function followUps(ctx: FlowContext, live: LiveCase, usage: ReturnType<typeof usageFor>): Promise<void> {
  const licenses = ctx.core.services.licenses;
  const r = live.result;
  if (!licenses || !r) return;
  const wanted = new Map<string, Set<string>>();
  for (const item of ctx.d.catalog.items) {
    for (const f of followUpFetches(item, ctx.facts(live, item))) {
      const set = wanted.get(f.idNumber) ?? new Set<string>();
      f.typeCodes.forEach((t) => set.add(t));
      wanted.set(f.idNumber, set);
    }
  }
  const reason = `${usage.reason}（核验户内成员名下房屋）`;
  const more = await Promise.all(
    [...wanted].map(([id, types]) =>
      licenses.fetchForHolder(id, { ...usage, reason }, [...types]).catch(() => undefined),
    ),
  );
  const seen = new Set(r.licenses.map((l) => l.license.identifier));
  for (const m of more) {
    for (const l of m?.licenses ?? []) {
      if (!seen.has(l.license.identifier)) {
        seen.add(l.license.identifier);
        r.licenses.push(l);
      }
    }
  }
  // A type found through a member is no longer missing for the applicant's household.
  const found = new Set(r.licenses.map((l) => l.license.certificateType));
  r.missing = r.missing.filter((t) => !found.has(t));
  r.errors = r.errors.filter((e) => !e.typeCode || !found.has(e.typeCode));
}
