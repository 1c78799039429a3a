import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  compiledRule,
  knownLicenseType,
  licenseCodeKey,
  licenseKeyType,
  mergeReads,
  RuleError,
  templateReads,
  type Reads,
  type Rule,
} from '../rules';
import { SUBJECT_COLUMN, type ItemData } from './schema';

export interface CheckContext {
  departments: ReadonlySet<string>;
  hallDefaults: ReadonlySet<string>;
  /** Every item code in the catalog, for form fields that reuse another item's case. */
  codes: ReadonlySet<string>;
  /** Where templates live; undefined when unknowable (a catalog folder without resources beside it). */
  templatesDir?: string;
}

/** License types a built-in rule reads; an expression's reads come from its compiled form. */
function builtinTypes(rule: Rule): string[] {
  switch (rule.kind) {
    case 'household-member':
      return [rule.type];
    case 'property-at-address':
      return ['111002', ...rule.types];
    case 'address-in-program':
    case 'not-issued-this-season':
      return ['111002'];
    default:
      return [];
  }
}

/** Everything an item reads, compiling its expressions (compiled once; the flow reuses them). */
export function itemReads(
  item: ItemData,
  where: string,
): { types: Map<string, string>; reads: Reads; problems: string[] } {
  const types = new Map<string, string>();
  const problems: string[] = [];
  const reads: Reads = { licenses: new Set(), card: new Set(), params: new Set(), cases: false };
  item.rules.forEach((r, i) => {
    for (const t of builtinTypes(r)) types.set(t, `rules.${i} (${r.id})`);
    if (r.kind !== 'expr') return;
    try {
      const c = compiledRule(r, `${where} rule "${r.id}"`);
      const all = mergeReads(
        mergeReads(
          {
            ...c.reads,
            licenses: new Set(c.reads.licenses),
            card: new Set(c.reads.card),
            params: new Set(c.reads.params),
          },
          templateReads([...c.passed.zh, ...c.passed.en, ...c.failed.zh, ...c.failed.en]),
        ),
        templateReads([
          ...(c.unknown?.zh ?? []),
          ...(c.unknown?.en ?? []),
          ...(c.detail?.zh ?? []),
          ...(c.detail?.en ?? []),
        ]),
      );
      for (const k of all.licenses) types.set(licenseKeyType(k)!.code, `rules.${i} (${r.id}) via lic.${k}`);
      for (const p of all.params)
        if (!(p in item.params))
          problems.push(`rules.${i}: rule "${r.id}" reads params.${p}, which the item's params do not set`);
      if (r.source && !c.reads.licenses.has(r.source))
        problems.push(`rules.${i}: rule "${r.id}" names source "${r.source}", which its expression does not read`);
      mergeReads(reads, all);
    } catch (e) {
      problems.push(`rules.${i}: ${e instanceof RuleError ? e.message : String(e)}`);
    }
  });
  return { types, reads, problems };
}

/**
 * The cross-checks zod cannot express: every license, program and earlier-case read is fetched
 * by the item; departments, hall defaults and templates exist; ids are unique. Returns problems
 * as "path: what is wrong" lines, all of them, so one run of the check lists every mistake.
 */
export function checkItem(item: ItemData, where: string, ctx: CheckContext): string[] {
  const out: string[] = [];
  const listed = new Set(item.evidence.licenses.map((l) => l.type));
  item.evidence.licenses.forEach((l, i) => {
    if (!knownLicenseType(l.type))
      out.push(
        `evidence.licenses.${i}.type: unknown license type ${l.type}; see resources/registry/license-types.json`,
      );
  });
  if (listed.size !== item.evidence.licenses.length) out.push('evidence.licenses: a license type is listed twice');
  if (!ctx.departments.has(item.department))
    out.push(`department: unknown department "${item.department}"; see resources/catalog/departments.json`);

  const { types, reads, problems } = itemReads(item, where);
  out.push(...problems);
  for (const [t, by] of types)
    if (!listed.has(t))
      out.push(`${by}: reads license type ${t} (${licenseCodeKey(t) ?? '?'}), which is not in evidence.licenses`);
  const programs = new Set(item.evidence.sources.flatMap((s) => (s.kind === 'program-areas' ? [s.program] : [])));
  item.rules.forEach((r, i) => {
    if (r.kind === 'address-in-program' && !programs.has(r.program))
      out.push(
        `rules.${i}: rule "${r.id}" reads program "${r.program}", which is not an evidence source (add {"kind":"program-areas","program":"${r.program}"})`,
      );
  });
  if (reads.cases && !item.evidence.sources.some((s) => s.kind === 'earlier-cases'))
    out.push('rules: an expression reads `cases`, which is not an evidence source (add {"kind":"earlier-cases"})');
  const ids = new Set<string>();
  item.rules.forEach((r, i) => {
    if (ids.has(r.id)) out.push(`rules.${i}.id: rule id "${r.id}" is used twice`);
    ids.add(r.id);
  });

  const printed = item.outputs.filter((o) => o.kind === 'certificate' || o.kind === 'card');
  if (printed.length > 1) out.push('outputs: at most one certificate or card per item');
  item.outputs.forEach((o, i) => {
    const template = 'template' in o ? o.template : undefined;
    if (template && ctx.templatesDir && !existsSync(join(ctx.templatesDir, `${template}.json`)))
      out.push(`outputs.${i}.template: template "${template}" is not in ${ctx.templatesDir}`);
    if (o.kind === 'application') {
      o.departments.forEach((d, j) => {
        if (!ctx.departments.has(d)) out.push(`outputs.${i}.departments.${j}: unknown department "${d}"`);
      });
      if (!item.form) out.push(`outputs.${i}: an application needs a form`);
    }
    if (o.kind !== 'certificate' && o.kind !== 'card') return;
    const keys = new Set<string>();
    o.facts.forEach((f, j) => {
      if (keys.has(f.key)) out.push(`outputs.${i}.facts.${j}.key: fact key "${f.key}" is used twice`);
      keys.add(f.key);
      if ((f.from === 'check-source' || f.from === 'check-detail') && !ids.has(f.check))
        out.push(
          `outputs.${i}.facts.${j}.check: fact "${f.key}" refers to rule "${f.check}", which the item does not have`,
        );
      if (f.from === 'license' && !listed.has(f.type))
        out.push(
          `outputs.${i}.facts.${j}.type: fact "${f.key}" reads license type ${f.type}, which is not in evidence.licenses`,
        );
    });
    if (o.photo && !listed.has(o.photo.type))
      out.push(
        `outputs.${i}.photo.type: photo comes from license type ${o.photo.type}, which is not in evidence.licenses`,
      );
  });

  const fieldKeys = new Set<string>();
  item.form?.fields.forEach((f, i) => {
    const at = `form.fields.${i} (${f.key})`;
    if (fieldKeys.has(f.key)) out.push(`${at}: field key used twice`);
    fieldKeys.add(f.key);
    if (f.type === 'select' && !f.options) out.push(`${at}: a select field needs options`);
    if (f.pattern) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        out.push(`${at}: pattern ${f.pattern} is not a valid regular expression`);
      }
    }
    for (const s of f.source) {
      if (s.from === 'license') {
        if (!listed.has(s.type)) out.push(`${at}: source license type ${s.type} is not in evidence.licenses`);
        const info = licenseKeyType(licenseCodeKey(s.type) ?? '');
        if (info && !info.fields.has(s.field)) out.push(`${at}: license ${s.type} has no field "${s.field}"`);
      }
      if (s.from === 'hall' && !ctx.hallDefaults.has(s.key))
        out.push(`${at}: hall default "${s.key}" is not in resources/catalog/hall-defaults.json`);
      if (s.from === 'case' && s.item && !ctx.codes.has(s.item))
        out.push(`${at}: source item "${s.item}" is not in the catalog`);
    }
  });
  // A rule about a parent reads a column of the list: the item says so, so the batch screen asks for it.
  const columns = new Set(item.listColumns);
  const read = new Set<string>();
  item.rules.forEach((r, i) => {
    if (r.kind !== 'expr' || !r.subject) return;
    const col = SUBJECT_COLUMN[r.subject];
    read.add(col);
    if (!columns.has(col))
      out.push(`rules.${i}: rule "${r.id}" reads the ${r.subject}, so listColumns must name "${col}"`);
  });
  item.listColumns.forEach((c, i) => {
    if (!read.has(c)) out.push(`listColumns.${i}: "${c}" is named, but no rule reads that subject`);
  });
  if (columns.size !== item.listColumns.length) out.push('listColumns: a column is named twice');
  item.exempts.forEach((x, i) => {
    if (x.license && !listed.has(x.license))
      out.push(`exempts.${i}: exempted by license type ${x.license}, which the item does not fetch`);
  });
  return out;
}
