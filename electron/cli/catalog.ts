/**
 * The service catalog from the command line: `npm run catalog -- check [--dir resources/catalog]`
 * validates every item (schema, unknown fields and license types, rules reading evidence the item
 * does not fetch, form fields without a source, missing templates, expressions that do not
 * compile) and lists every problem; exit 0 only when there are none. `list` prints the items.
 */
import { resolve } from 'node:path';
import { buildCatalog, CatalogError, deriveItem, readCatalog } from '../services/catalog';
import { readProgrammes } from '../services/worklist/programmes';

const USAGE = 'usage: npm run catalog -- check [--dir <catalog folder>] | list [--dir <catalog folder>]';

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  let dir: string | undefined;
  for (let i = 0; i < rest.length; i++) {
    const a = rest[i]!;
    if (a === '--dir') dir = rest[++i];
    else if (a.startsWith('--dir=')) dir = a.slice('--dir='.length);
    else {
      console.error(USAGE);
      return 2;
    }
  }
  if (command !== 'check' && command !== 'list') {
    console.error(USAGE);
    return 2;
  }
  let c: ReturnType<typeof readCatalog>;
  try {
    c = readCatalog(...(dir ? [resolve(dir)] : []));
  } catch (e) {
    console.error(e instanceof CatalogError ? `${e.code}: ${e.message}` : e);
    return 1;
  }
  if (command === 'list') {
    for (const item of c.items.map(deriveItem))
      console.log(
        `${item.code}\t${item.itemCode}\t${item.department}\t${item.outputs.map((o) => o.kind).join('+')}\t${item.names.zh}\t${item.initials.join(',')}`,
      );
  }
  // Programmes (resources/programmes, beside the catalog) name items, so they are checked against these.
  let programmes = 0;
  if (!c.problems.length) {
    const p = readProgrammes(
      buildCatalog(c.items.map(deriveItem), c.files, c.departments),
      resolve(c.dir, '..', 'programmes'),
    );
    programmes = p.programmes.length;
    c.problems.push(...p.problems.map((x) => `Programme ${x}`));
  }
  if (c.problems.length) {
    for (const p of c.problems) console.error(`✗ ${p}`);
    console.error(`${c.problems.length} problem(s) in ${c.dir}`);
    return 1;
  }
  const printed = c.items.filter((i) => i.outputs.some((o) => o.kind === 'certificate' || o.kind === 'card')).length;
  const exprs = c.items.reduce((n, i) => n + i.rules.filter((r) => r.kind === 'expr').length, 0);
  console.log(
    `catalog ok: ${c.items.length} items (${printed} printed at the counter, ${c.items.length - printed} applications), ${exprs} expression rules, in ${c.dir}; ${programmes} programmes`,
  );
  return 0;
}

process.exitCode = main(process.argv.slice(2));
