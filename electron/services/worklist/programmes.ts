import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { LIC_FIELD, POPULATION_FIELDS } from '../../../protocol/population-wire';
import type { Catalog, CatalogItem } from '../catalog';
import { resourcesDir } from '../certificates/resources';
import { compileExpr, knownLicenseType, licenseKeyType, type CompiledExpr } from '../rules';
import { WorklistError } from './errors';
import { programmeSchema, type ProgrammeData } from './programme-schema';

export interface Programme extends ProgrammeData {
  /** The item's params with the programme's over them: what the rules and the birth range read. */
  effectiveParams: Record<string, number | string | boolean>;
  compiled: Array<{ id: string; label: ProgrammeData['rules'][number]['label']; expr: CompiledExpr }>;
  itemName: { zh: string; en: string };
}

export interface ProgrammeFiles {
  dir: string;
  programmes: Programme[];
  /** "file: what", every one found; empty when all is well. */
  problems: string[];
}

// card.<field> an expression may read, and the population field that provides it.
const CARD_NEEDS: Record<string, string | undefined> = {
  name: 'name',
  sex: 'sex',
  birth: 'birth',
  age: 'birth',
  idNumber: undefined,
};

/** Checks one programme against the catalog; returns the problems (empty when good) and the compiled form. */
export function checkProgramme(
  data: ProgrammeData,
  file: string,
  catalog: Catalog,
): { problems: string[]; programme?: Programme } {
  const problems: string[] = [];
  const item: CatalogItem | undefined = catalog.byCode.get(data.item);
  if (!item) return { problems: [`${file}: item "${data.item}" is not in resources/catalog/items`] };
  const kinds = item.outputs.map((o) => o.kind);
  if (!kinds.includes(data.output))
    problems.push(`${file}: output "${data.output}" is not one of the item's outputs (${kinds.join(', ')})`);
  const params: Record<string, number | string | boolean> = { ...(item.params ?? {}), ...data.params };
  const p = data.population;
  if (p.turningAge !== undefined) {
    if (typeof params[p.turningAge] !== 'number')
      problems.push(
        `${file}: population.turningAge names "${p.turningAge}", which is no number param of the programme or item`,
      );
    if (p.withinDays === undefined) problems.push(`${file}: population.turningAge needs population.withinDays`);
  }
  for (const c of [...p.held, ...p.notHeld])
    if (!knownLicenseType(c))
      problems.push(`${file}: license type ${c} is not in resources/registry/license-types.json`);
  for (const f of p.fields) {
    const m = LIC_FIELD.exec(f);
    if (m) {
      if (!p.held.includes(m[1]!))
        problems.push(`${file}: field ${f} reads type ${m[1]}, which is not in population.held`);
    } else if (!(POPULATION_FIELDS as readonly string[]).includes(f))
      problems.push(`${file}: unknown field "${f}" (use ${POPULATION_FIELDS.join(', ')} or lic.<code>.<field>)`);
  }
  if (p.fields.includes('address') && !data.visit)
    problems.push(`${file}: the address is asked for but visit is false; ask for it only when staff visit`);
  if (!p.fields.includes('name'))
    problems.push(`${file}: population.fields must include name (staff call people by name)`);
  const compiled: Programme['compiled'] = [];
  for (const r of data.rules) {
    let expr: CompiledExpr;
    try {
      expr = compileExpr(r.when, `programme ${file} rule ${r.id}`);
    } catch (e) {
      problems.push(`${file}: ${e instanceof Error ? e.message : String(e)}`);
      continue;
    }
    for (const c of expr.reads.card) {
      const need = CARD_NEEDS[c];
      if (need === undefined && c !== 'idNumber')
        problems.push(`${file}: rule ${r.id} reads card.${c}, which a population answer does not carry`);
      else if (need && !p.fields.includes(need))
        problems.push(`${file}: rule ${r.id} reads card.${c} but population.fields lacks ${need}`);
    }
    for (const key of expr.reads.licenses) {
      const code = licenseKeyType(key)!.code;
      if (!p.fields.some((f) => f.startsWith(`lic.${code}.`)))
        problems.push(`${file}: rule ${r.id} reads lic.${key} but population.fields asks for no lic.${code}.<field>`);
    }
    for (const k of expr.reads.params)
      if (!(k in params))
        problems.push(`${file}: rule ${r.id} reads params.${k}, set in neither the programme nor the item`);
    if (expr.reads.cases) problems.push(`${file}: rule ${r.id} reads cases, which a programme rule cannot see`);
    compiled.push({ id: r.id, label: r.label, expr });
  }
  if (problems.length) return { problems };
  return { problems, programme: { ...data, effectiveParams: params, compiled, itemName: item.names } };
}

/** Reads and checks every programme without stopping at the first mistake (the check command's view). */
export function readProgrammes(catalog: Catalog, dir: string = join(resourcesDir(), 'programmes')): ProgrammeFiles {
  if (!existsSync(dir)) return { dir, programmes: [], problems: [] };
  const problems: string[] = [];
  const programmes: Programme[] = [];
  const codes = new Set<string>();
  for (const f of readdirSync(dir)
    .filter((x) => x.endsWith('.json'))
    .sort()) {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(dir, f), 'utf8'));
    } catch (e) {
      problems.push(`${f}: not valid JSON (${e instanceof Error ? e.message : String(e)})`);
      continue;
    }
    const parsed = programmeSchema.safeParse(raw);
    if (!parsed.success) {
      for (const i of parsed.error.issues.slice(0, 5))
        problems.push(`${f}: ${i.path.join('.') || '(file)'}: ${i.message}`);
      continue;
    }
    if (codes.has(parsed.data.code)) problems.push(`${f}: programme code "${parsed.data.code}" is used twice`);
    codes.add(parsed.data.code);
    const r = checkProgramme(parsed.data, f, catalog);
    problems.push(...r.problems);
    if (r.programme) programmes.push(r.programme);
  }
  return { dir, programmes, problems };
}

/** Loads the programmes at start: a bad one stops the worklist service with every problem named. */
export function loadProgrammes(catalog: Catalog, dir?: string): Programme[] {
  const r = readProgrammes(catalog, dir);
  if (r.problems.length)
    throw new WorklistError(
      'WORKLIST_PROGRAMME_INVALID',
      `Programmes in ${r.dir} are invalid: ${r.problems.slice(0, 5).join('; ')}. Fix the files (npm run catalog -- check).`,
    );
  return r.programmes;
}

export function getProgramme(programmes: readonly Programme[], code: string): Programme {
  const p = programmes.find((x) => x.code === code);
  if (!p)
    throw new WorklistError('WORKLIST_PROGRAMME_NOT_FOUND', `There is no programme "${code}" on this terminal.`, {
      code,
    });
  return p;
}
