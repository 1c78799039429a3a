import type { CatalogItem } from '../catalog/schema';
import { batchRules, type BatchItem } from './check-row';
import { BatchError } from './errors';
import { ruleDefaults } from './row-codec';

/**
 * What reading a job's rows and writing its reports take from its item: the code, the names, the
 * list columns and the batch rules (the card-only rule left out), each rule with its label as
 * evaluate() gave it. A job keeps this as of its start (`batch_jobs.item`, migration 019), so a
 * rule reworded in the catalog later does not reword the rows, the detail, the XLSX or the signed
 * summary of a job already checked. Rules are kept whole (their catalog objects), so whatever
 * reads one (the codec's kind and label, the reports' subject) finds it as the catalog had it.
 */
export interface JobItem {
  code: string;
  names: { zh: string; en: string };
  listColumns: CatalogItem['listColumns'];
  /** Only the rules a list is checked against; each with its label (the rule's own, else its evaluator's). */
  rules: BatchItem['rules'];
  /** When the labels were taken: the job's start, or `now` for a job from before 019 (the catalog today). */
  asOf: string;
  /**
   * What checking takes besides the rules: the item's parameters and the licenses its rules read.
   * With them a job is checked to its end as it started (checkingItem), even when resumed after
   * the catalog changed. Absent in jobs started before they were kept: those check with today's item.
   */
  params?: BatchItem['params'];
  licenses?: BatchItem['licenses'];
}

/** The job's item as the catalog has it now. */
export function itemSnapshot(item: CatalogItem, at = new Date()): JobItem {
  const defaults = ruleDefaults(item);
  return {
    code: item.code,
    names: { zh: item.names.zh, en: item.names.en },
    listColumns: [...item.listColumns],
    rules: batchRules(item).map((r) => ({ ...r, label: { ...defaults.get(r.id)!.label } })),
    asOf: at.toISOString(),
    params: { ...item.params },
    licenses: item.licenses.map((l) => ({ ...l })),
  };
}

/**
 * The stored snapshot back. It was written by itemSnapshot and is never changed (a trigger), so
 * only its shape is checked here: a damaged one is an error naming the job, not a report with
 * made-up labels.
 */
export function parseSnapshot(text: string, job: string): JobItem {
  const bad = () => new BatchError('BATCH_JOB_DAMAGED', `The item stored with batch ${job} cannot be read.`);
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad();
  }
  const o = doc as Partial<JobItem> | null;
  const bilingual = (b: unknown) =>
    typeof b === 'object' &&
    b !== null &&
    typeof (b as { zh?: unknown }).zh === 'string' &&
    typeof (b as { en?: unknown }).en === 'string';
  if (
    typeof o !== 'object' ||
    o === null ||
    typeof o.code !== 'string' ||
    typeof o.asOf !== 'string' ||
    !bilingual(o.names) ||
    !Array.isArray(o.listColumns) ||
    !Array.isArray(o.rules) ||
    !o.rules.every((r) => typeof r?.id === 'string' && typeof r.kind === 'string' && bilingual(r.label)) ||
    (o.params !== undefined && (typeof o.params !== 'object' || o.params === null || Array.isArray(o.params))) ||
    (o.licenses !== undefined &&
      (!Array.isArray(o.licenses) ||
        !o.licenses.every((l) => typeof l?.type === 'string' && typeof l.required === 'boolean')))
  )
    throw bad();
  return o as JobItem;
}

/**
 * The item a job's lines are checked with: the one it kept at its start, so every line of a job
 * is judged by the same rules, parameters and licenses, whenever it is resumed. A job that kept no
 * parameters (started before they were kept, or before 019) checks with today's catalog item.
 */
export function checkingItem(stored: JobItem | undefined, current: CatalogItem): BatchItem {
  if (!stored?.params || !stored.licenses) return current;
  return {
    code: stored.code,
    names: { zh: stored.names.zh },
    listColumns: stored.listColumns,
    rules: stored.rules,
    params: stored.params,
    licenses: stored.licenses,
  };
}

/**
 * The item a job's rows are read with. With a snapshot: its rules, and after them any rule of
 * today's catalog item it lacks (a job resumed after a rule was added to the item wrote rows with
 * that check; the codec needs its kind and label). Without one (a job from before 019): today's
 * catalog item, as rows were read before. Neither: the code for names and no rules (the checks
 * read back with their ids).
 */
export function readingItem(stored: JobItem | undefined, current: CatalogItem | undefined, code: string): JobItem {
  if (!stored)
    return current
      ? itemSnapshot(current)
      : { code, names: { zh: code, en: code }, listColumns: [], rules: [], asOf: new Date().toISOString() };
  if (!current) return stored;
  const have = new Set(stored.rules.map((r) => r.id));
  const added = itemSnapshot(current).rules.filter((r) => !have.has(r.id));
  return added.length ? { ...stored, rules: [...stored.rules, ...added] } : stored;
}
