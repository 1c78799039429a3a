import { maskIdNumber } from '../../../protocol/id-mask';
import { ageOn, dayTurning, localDate } from '../rules/dates';
import { licenseTypeName } from '../rules';
import type Database from 'better-sqlite3';
import type { RecordCipher } from '../crypto';
import type { Programme } from './programmes';
import { allowedSteps } from './steps';
import { hallView } from './offline';
import { countTasks, stateCounts, type StoredTask, type WorklistRow } from './store';
import type { ProgrammeView, TaskView, WorklistSummary } from './types';

export const programmeView = (p: Programme): ProgrammeView => ({
  code: p.code,
  names: p.names,
  item: p.item,
  itemName: p.itemName,
  output: p.output,
  ...(p.population.withinDays ? { withinDays: p.population.withinDays } : {}),
  visit: p.visit,
});

export function summaryOf(db: Database.Database, w: WorklistRow, p: Programme | undefined): WorklistSummary {
  const counts = stateCounts(db, w.id);
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  return {
    id: w.id,
    programme: w.programme,
    programmeName: p?.names ?? { zh: w.programme, en: w.programme },
    area: w.area,
    asOf: w.as_of,
    createdBy: w.created_by,
    createdAt: w.created_at,
    state: w.state,
    ...(w.error ? { error: w.error } : {}),
    total,
    counts,
    progress: total ? (counts.delivered + counts.declined) / total : 0,
  };
}

/** One task as staff see it: the masked number, what the programme asked for, nothing more. */
export function taskView(
  db: Database.Database,
  cipher: RecordCipher,
  t: StoredTask,
  p: Programme | undefined,
  /** The task's worklist is shared through the hall: its log says what is not at the hall yet. */
  shared = false,
): TaskView {
  const per = t.person;
  const today = localDate(new Date());
  const turningAge = p?.population.turningAge ? Number(p.effectiveParams[p.population.turningAge]) : undefined;
  const facts = Object.entries(per.licenses ?? {}).flatMap(([code, fields]) =>
    Object.entries(fields).map(([field, value]) => {
      const n = licenseTypeName(code);
      return { label: { zh: `${n.zh}·${field}`, en: `${n.en} · ${field}` }, value };
    }),
  );
  return {
    id: t.id,
    seq: t.seq,
    state: t.state,
    name: per.name,
    idMasked: maskIdNumber(per.idNumber),
    ...(per.sex ? { sex: per.sex } : {}),
    ...(per.birth ? { birth: per.birth, age: ageOn(per.birth, today) } : {}),
    ...(per.birth && turningAge ? { turns: dayTurning(per.birth, turningAge) } : {}),
    ...(per.address && p?.visit ? { address: per.address } : {}),
    facts,
    ...(t.assigned_to ? { assignedTo: t.assigned_to } : {}),
    ...(t.case_id ? { caseId: t.case_id } : {}),
    ...(t.output_ref ? { outputRef: t.output_ref } : {}),
    ...(t.delivered_by ? { deliveredBy: t.delivered_by } : {}),
    ...(t.delivered_at ? { deliveredAt: t.delivered_at } : {}),
    signed: !!t.signature,
    can: allowedSteps(t.state),
    ...hallView(db, cipher, t, shared),
  };
}

export { countTasks };
