import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { resourcesDir } from '../certificates/resources';
import { checkItem, type CheckContext } from './check';
import { CatalogError } from './errors';
import { pinyinKeys } from './pinyin';
import { itemSchema, type CatalogItem, type ItemData } from './schema';
import { buildIndex, type SearchIndex } from './search-index';

export interface Catalog {
  /** In file-name order, which is also the order of ties in search. */
  readonly items: readonly CatalogItem[];
  readonly byCode: ReadonlyMap<string, CatalogItem>;
  readonly departments: ReadonlyMap<string, Department>;
  /** Normalised search keys per item, built once at load. */
  readonly index: SearchIndex;
}

export interface Department {
  id: string;
  names: { zh: string; en: string };
}

const describe = (e: z.ZodError) =>
  e.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`)
    .join('; ');

/** Parses one item's file data; `origin` names the file in errors so whoever edits the catalog can find the line. */
export function parseItem(raw: unknown, origin: string): ItemData {
  const r = itemSchema.safeParse(raw);
  if (!r.success)
    throw new CatalogError(
      'CATALOG_INVALID',
      `Service item ${origin} is invalid: ${describe(r.error)}. Fix the file and restart the app.`,
    );
  return r.data;
}

/** Adds what is derived from the data: pinyin search keys, the flow's flattened views. */
export function deriveItem(data: ItemData): CatalogItem {
  const printed = data.outputs.find((o) => o.kind === 'certificate' || o.kind === 'card');
  const keys = pinyinKeys([data.names.zh, data.shortNames?.zh, ...data.keywords]);
  return {
    ...data,
    ...keys,
    licenses: data.evidence.licenses,
    facts: printed?.facts ?? [],
    ...(printed ? { printed } : {}),
    ...(printed?.photo ? { photo: printed.photo } : {}),
  };
}

export function buildCatalog(
  items: readonly CatalogItem[],
  origins: readonly string[] = [],
  departments: readonly Department[] = [],
): Catalog {
  if (items.length === 0)
    throw new CatalogError(
      'CATALOG_EMPTY',
      'The service catalog has no items; reinstall the app or restore resources/catalog/items.',
    );
  const byCode = new Map<string, CatalogItem>();
  const itemCodes = new Map<string, string>();
  items.forEach((item, i) => {
    if (byCode.has(item.code))
      throw new CatalogError(
        'CATALOG_DUPLICATE_CODE',
        `Service item code "${item.code}" is used twice (${origins[i] ?? 'second item'}); give each item its own code.`,
      );
    byCode.set(item.code, item);
    const other = itemCodes.get(item.itemCode);
    if (other)
      throw new CatalogError(
        'CATALOG_DUPLICATE_CODE',
        `Item code (事项编码) "${item.itemCode}" is used by "${other}" and "${item.code}"; each item has its own.`,
      );
    itemCodes.set(item.itemCode, item.code);
  });
  const depts = new Map(departments.map((d) => [d.id, d]));
  const named = items.map((i) => {
    const d = depts.get(i.department);
    return d ? { ...i, departmentName: d.names } : i;
  });
  named.forEach((i) => byCode.set(i.code, i));
  return { items: named, byCode, departments: depts, index: buildIndex(named) };
}

const readJson = (file: string, what: string): unknown => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CatalogError(
      'CATALOG_INVALID',
      `${what} ${file} is not valid JSON (${e instanceof Error ? e.message : String(e)}); fix the file and restart the app.`,
    );
  }
};

/** departments.json and hall-defaults.json of the folder, else the shipped ones (a test catalog may bring only items). */
function sideFile(dir: string, name: string): string {
  const own = join(dir, name);
  return existsSync(own) ? own : join(resourcesDir(), 'catalog', name);
}

export interface CatalogFiles {
  dir: string;
  files: string[];
  items: ItemData[];
  departments: Department[];
  /** Every problem found, "file: path: what"; empty when the catalog is good. */
  problems: string[];
}

/** Reads and checks every item without stopping at the first mistake: the `npm run catalog -- check` view. */
export function readCatalog(dir: string = join(resourcesDir(), 'catalog')): CatalogFiles {
  const itemsDir = resolve(dir, 'items');
  let files: string[];
  try {
    files = readdirSync(itemsDir)
      .filter((f) => f.endsWith('.json'))
      .sort();
  } catch (e) {
    throw new CatalogError(
      'CATALOG_READ_FAILED',
      `The service catalog folder ${itemsDir} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); reinstall the app or restore it.`,
    );
  }
  const departments = (readJson(sideFile(dir, 'departments.json'), 'Department list') as { departments: Department[] })
    .departments;
  const hall = readJson(sideFile(dir, 'hall-defaults.json'), 'Hall defaults') as { keys: Record<string, unknown> };
  const templates = resolve(dir, '..', 'templates');
  const problems: string[] = [];
  const items: ItemData[] = [];
  const okFiles: string[] = [];
  for (const f of files) {
    try {
      items.push(parseItem(readJson(join(itemsDir, f), 'Service item'), f));
      okFiles.push(f);
    } catch (e) {
      problems.push(e instanceof Error ? e.message : String(e));
    }
  }
  const ctx: CheckContext = {
    departments: new Set(departments.map((d) => d.id)),
    hallDefaults: new Set(Object.keys(hall.keys)),
    codes: new Set(items.map((i) => i.code)),
    // Only where the templates folder sits beside the catalog (the shipped layout) is this knowable here.
    ...(existsSync(templates) ? { templatesDir: templates } : {}),
  };
  items.forEach((item, i) => {
    for (const p of checkItem(item, okFiles[i]!, ctx)) problems.push(`Service item ${okFiles[i]} is invalid: ${p}`);
  });
  return { dir, files: okFiles, items, departments, problems };
}

/**
 * Loads every `items/*.json` under the catalog directory (default: resources/catalog), checks
 * each against the schema and the others and compiles its expressions, so a bad item stops
 * startup instead of a case.
 */
export function loadCatalog(dir: string = join(resourcesDir(), 'catalog')): Catalog {
  const c = readCatalog(dir);
  if (c.problems.length)
    throw new CatalogError(
      'CATALOG_INVALID',
      `${c.problems.slice(0, 5).join('; ')}. Fix the file and restart the app.`,
    );
  return buildCatalog(c.items.map(deriveItem), c.files, c.departments);
}

export function getItem(catalog: Catalog, code: string): CatalogItem {
  const item = catalog.byCode.get(code);
  if (!item)
    throw new CatalogError(
      'CATALOG_ITEM_NOT_FOUND',
      `There is no service item "${code}" in this terminal's catalog; choose the item again from the list.`,
      { code },
    );
  return item;
}
