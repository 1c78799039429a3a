import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { z } from 'zod';
import { resourcesDir } from '../certificates/resources';
import { CatalogError } from './errors';
import { itemSchema, type CatalogItem } from './schema';

export interface Catalog {
  /** In file-name order, which is also the order of ties in search. */
  readonly items: readonly CatalogItem[];
  readonly byCode: ReadonlyMap<string, CatalogItem>;
}

const describe = (e: z.ZodError) =>
  e.issues
    .slice(0, 5)
    .map((i) => `${i.path.join('.') || '(item)'}: ${i.message}`)
    .join('; ');

/** Parses one item; `origin` names the file in errors so whoever edits the catalog can find the line. */
export function parseItem(raw: unknown, origin: string): CatalogItem {
  const r = itemSchema.safeParse(raw);
  if (!r.success) throw new CatalogError('CATALOG_INVALID', `Service item ${origin} is invalid: ${describe(r.error)}. Fix the file and restart the app.`);
  return r.data;
}

export function buildCatalog(items: readonly CatalogItem[], origins: readonly string[] = []): Catalog {
  if (items.length === 0) throw new CatalogError('CATALOG_EMPTY', 'The service catalog has no items; reinstall the app or restore resources/catalog/items.');
  const byCode = new Map<string, CatalogItem>();
  items.forEach((item, i) => {
    if (byCode.has(item.code)) throw new CatalogError('CATALOG_DUPLICATE_CODE', `Service item code "${item.code}" is used twice (${origins[i] ?? 'second item'}); give each item its own code.`);
    byCode.set(item.code, item);
  });
  return { items: [...items], byCode };
}

/**
 * Loads every `items/*.json` under the catalog directory (default: resources/catalog) and checks
 * each against the schema and the others, so a bad item stops startup instead of a case.
 */
export function loadCatalog(dir: string = join(resourcesDir(), 'catalog')): Catalog {
  const itemsDir = resolve(dir, 'items');
  let files: string[];
  try {
    files = readdirSync(itemsDir).filter((f) => f.endsWith('.json')).sort();
  } catch (e) {
    throw new CatalogError('CATALOG_READ_FAILED', `The service catalog folder ${itemsDir} cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'}); reinstall the app or restore it.`);
  }
  const templates = resolve(dir, '..', 'templates');
  const items = files.map((f) => {
    let raw: unknown;
    try {
      raw = JSON.parse(readFileSync(join(itemsDir, f), 'utf8'));
    } catch (e) {
      throw new CatalogError('CATALOG_INVALID', `Service item ${f} is not valid JSON (${e instanceof Error ? e.message : String(e)}); fix the file and restart the app.`);
    }
    const item = parseItem(raw, f);
    // Only where the templates folder sits beside the catalog (the shipped layout) is this knowable here.
    if (existsSync(templates) && !existsSync(join(templates, `${item.template}.json`))) {
      throw new CatalogError('CATALOG_INVALID', `Service item ${f} uses certificate template "${item.template}", which is not in ${templates}; add the template or fix the item.`);
    }
    return item;
  });
  return buildCatalog(items, files);
}

export function getItem(catalog: Catalog, code: string): CatalogItem {
  const item = catalog.byCode.get(code);
  if (!item) throw new CatalogError('CATALOG_ITEM_NOT_FOUND', `There is no service item "${code}" in this terminal's catalog; choose the item again from the list.`, { code });
  return item;
}
