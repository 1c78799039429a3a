import { auditSubject } from '../audit';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { RegistryClient } from '../registry';
import type { UsageContext } from '../registry/types';
import { ageOn, dayTurning, localDate } from '../rules/dates';
import { celParams } from '../rules/expr/bindings';
import { licenseCodeKey } from '../rules';
import { auditWorklist } from './audit';
import type { Programme } from './programmes';
import { createWorklist, finishWorklist, insertTask, nextWorklistId, servedSubjects } from './store';
import type { PopulationPerson } from '../../../protocol/population-wire';
import type { TaskPerson } from './types';

export const PAGE_SIZE = 500;
/** The reason every registry call of a worklist carries (主动服务: the station goes to the citizen). */
export const reasonOf = (p: Programme) => `主动服务：${p.names.zh}`;

export interface BuildDeps {
  core: Core;
  cipher: RecordCipher;
  registry: Pick<RegistryClient, 'population'>;
}

const addDays = (day: string, n: number): string => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

/** The birth dates of people who turn `age` between today and today + withinDays (both included). */
export function birthRange(today: string, age: number, withinDays: number): { birthFrom: string; birthTo: string } {
  return { birthFrom: dayTurning(today, -age), birthTo: dayTurning(addDays(today, withinDays), -age) };
}

export function usageOf(core: Core, p: Programme, worklist: string): UsageContext {
  return {
    organisation: core.config.organisation ?? core.config.hall.name,
    clerk: core.session?.userId ?? 'unknown',
    itemName: p.itemName.zh,
    itemCode: p.item,
    caseNumber: worklist,
    reason: reasonOf(p),
  };
}

/** The CEL bindings of one answered person: `card` from the base fields, `lic` from the license fields. */
function bindings(p: PopulationPerson, params: Map<string, unknown>, today: string): Record<string, unknown> {
  const card = new Map<string, unknown>([
    ['idNumber', p.idNumber],
    ['name', p.name ?? ''],
    ['sex', p.sex ?? ''],
  ]);
  if (p.birth) {
    card.set('birth', p.birth);
    card.set('age', BigInt(ageOn(p.birth, today)));
  }
  const lic = new Map<string, unknown>();
  for (const [code, fields] of Object.entries(p.licenses ?? {})) {
    const key = licenseCodeKey(code);
    if (key) lic.set(key, new Map(Object.entries(fields)));
  }
  return { card, lic, params, today };
}

export interface StartOptions {
  area: string;
  /** Fewer days than the programme's, e.g. this week only. */
  withinDays?: number;
  today?: string;
  /** Shared through the hall: the number names the window too (hall-share.ts sharedPrefix). */
  shared?: { prefix: string };
}

/** Records a new worklist (state building) and returns its number; `fill` then asks the registry. */
export function startWorklist(deps: BuildDeps, p: Programme, o: StartOptions): string {
  const { core } = deps;
  const today = o.today ?? localDate(new Date());
  const id = nextWorklistId(core.db, o.shared?.prefix ?? core.config.hall.id, today);
  core.db.transaction(() => {
    createWorklist(core.db, {
      id,
      programme: p.code,
      item_code: p.item,
      area: o.area,
      within_days: o.withinDays ?? p.population.withinDays ?? null,
      as_of: today,
      created_by: core.session?.userId ?? 'unknown',
    });
    if (o.shared) core.db.prepare('UPDATE worklists SET shared = 1 WHERE id = ?').run(id);
    auditWorklist(core, deps.cipher, 'worklist-start', {
      worklist: id,
      itemCode: p.item,
      purpose: reasonOf(p),
      detail: { programme: p.code, area: o.area, withinDays: o.withinDays ?? p.population.withinDays ?? null },
    });
  })();
  return id;
}

/**
 * Pages through the registry's answer and adds a task for every person the programme's rules
 * accept and no earlier worklist of the programme served. Each page commits with its tasks and
 * one audit entry per person, so a failure mid-way keeps what was found; running it again on the
 * same worklist adds only the people still missing (a person is on a worklist once).
 */
export async function fillWorklist(
  deps: BuildDeps,
  p: Programme,
  w: { id: string; area: string; asOf: string; withinDays: number | null },
): Promise<{ total: number }> {
  const { core, cipher } = deps;
  const params: Record<string, number | string | boolean> = {
    ...p.effectiveParams,
    ...(w.withinDays ? { withinDays: w.withinDays } : {}),
  };
  const cel = celParams(params);
  const pop = p.population;
  const range =
    pop.turningAge !== undefined
      ? birthRange(w.asOf, Number(params[pop.turningAge]), w.withinDays ?? pop.withinDays ?? 30)
      : {};
  const usage = usageOf(core, p, w.id);
  const served = servedSubjects(core.db, p.code);
  const by = core.session?.userId ?? 'unknown';
  let seq = core.db
    .prepare('SELECT coalesce(max(seq), 0) FROM worklist_tasks WHERE worklist_id = ?')
    .pluck()
    .get(w.id) as number;
  let cursor: string | undefined;
  try {
    do {
      const page = await deps.registry.population(
        {
          area: w.area,
          ...range,
          held: pop.held,
          notHeld: pop.notHeld,
          fields: pop.fields,
          size: PAGE_SIZE,
          ...(cursor ? { cursor } : {}),
        },
        usage,
      );
      const keep = page.people.filter((person) => {
        const b = bindings(person, cel, w.asOf);
        return p.compiled.every((r) => r.expr.run(b) === true);
      });
      core.db.transaction(() => {
        for (const person of keep) {
          const subject = auditSubject(cipher, person.idNumber);
          if (served.has(subject)) continue;
          const stored: TaskPerson = {
            idNumber: person.idNumber,
            name: person.name ?? '',
            ...(person.sex ? { sex: person.sex } : {}),
            ...(person.birth ? { birth: person.birth } : {}),
            ...(person.address && p.visit ? { address: person.address } : {}),
            ...(person.licenses ? { licenses: person.licenses } : {}),
          };
          const task = insertTask(core.db, cipher, { worklist: w.id, seq: seq + 1, subject, person: stored, by });
          if (task === undefined) continue;
          seq += 1;
          auditWorklist(core, cipher, 'worklist-person-found', {
            worklist: w.id,
            itemCode: p.item,
            purpose: usage.reason,
            idNumber: person.idNumber,
            detail: { programme: p.code, task: seq, fields: pop.fields },
          });
        }
      })();
      cursor = page.next;
    } while (cursor);
  } catch (e) {
    finishWorklist(core.db, w.id, { error: e instanceof Error ? e.message : String(e) });
    throw e;
  }
  finishWorklist(core.db, w.id, { total: seq });
  return { total: seq };
}
