import type { Bilingual, CheckResult, CheckSource, RuleKind } from '../rules';
import { evaluators } from '../rules/registry'; // not the index: see check-row.ts
import type { Evaluator } from '../rules/evaluator';
import type { BatchItem } from './check-row';
import { BatchError } from './errors';

/**
 * How a batch row's checks are stored (sealed) in `batch_rows.checks`.
 *
 * Why: plain `CheckResult[]` JSON was ~5.6 KB a school-enrolment row, and on a batch run the
 * stringify, the seal, the insert (a value over ~4 KB spills onto overflow pages) and the fsync of
 * those bytes are main-thread time. Most of it repeated what the item already says (each check's
 * `kind` and `label`) or what the row says elsewhere (the same household register relied on by
 * many checks). Deflate was tried and cost more CPU than it saved (docs/batch-checks.md), so this
 * stays JSON, only tighter:
 *
 *   { "v": 2, "s": [source…], "c": [check…] }
 *   source = [typeCode, typeName, number, issuer, identifier, asOf?]    each distinct source once
 *   check  = [id, result, sentenceZh, sentenceEn, src?, detail?, own?]
 *     result: 0 passed, 1 failed, 2 unknown
 *     src:    index into "s", or null (no source) when later slots follow
 *     detail: [zh, en], or null when `own` follows
 *     own:    { k?: kind, l?: [zh, en] }: only when they differ from the item's rule of that id
 *             (or the item has no such rule), so a row still reads right if the item changes.
 *
 * `kind` and `label` are constant per rule id: they are taken from the item on reading. A check
 * whose id the item no longer has, and that was stored without `own`, reads back with its id as
 * label and kind 'expr' (what the screen's condition list shows for an unlabelled rule).
 * Rows written before this format are plain `CheckResult[]` (a JSON array) and read as they are.
 */

export const CODEC_VERSION = 2;

/** The part of the item the codec reads: its rules' ids, kinds and labels. */
export type CodecItem = Pick<BatchItem, 'rules'>;

interface RuleDefault {
  kind: string;
  label: Bilingual;
}

type Source = [string, string, string, string, string] | [string, string, string, string, string, string];
type Own = { k?: string; l?: [string, string] };
type Check = [string, number, string, string, (number | null)?, ([string, string] | null)?, Own?];

// Every field of a check and of its source has a slot above: a field added to CheckResult or
// CheckSource fails typecheck here until the codec stores it (otherwise it would be dropped on write).
const CHECK_FIELDS: Record<keyof CheckResult, true> = {
  id: true,
  kind: true,
  label: true,
  result: true,
  sentence: true,
  source: true,
  detail: true,
};
const SOURCE_FIELDS: Record<keyof CheckSource, true> = {
  typeCode: true,
  typeName: true,
  number: true,
  issuer: true,
  identifier: true,
  asOf: true,
};
void CHECK_FIELDS;
void SOURCE_FIELDS;

const RESULTS = ['passed', 'failed', 'unknown'] as const;
const CODE: Record<CheckResult['result'], number> = { passed: 0, failed: 1, unknown: 2 };

const defaults = new WeakMap<CodecItem, Map<string, RuleDefault>>();

/** Each rule's kind and label as evaluate() gives them (the rule's own label, else its evaluator's). */
export function ruleDefaults(item: CodecItem): Map<string, RuleDefault> {
  let m = defaults.get(item);
  if (!m) {
    m = new Map();
    for (const r of item.rules)
      m.set(r.id, {
        kind: r.kind,
        label: r.label ?? (evaluators[r.kind] as Evaluator<RuleKind> | undefined)?.label ?? { zh: r.id, en: r.id },
      });
    defaults.set(item, m);
  }
  return m;
}

const sameLabel = (a: Bilingual, b: Bilingual) => a === b || (a.zh === b.zh && a.en === b.en);

/** The compact JSON text of a row's checks. */
export function encodeChecks(checks: readonly CheckResult[], item: CodecItem): string {
  const rules = ruleDefaults(item);
  const sources: Source[] = [];
  const at = new Map<string, number>();
  const out: Check[] = checks.map((c) => {
    const row: Check = [c.id, CODE[c.result], c.sentence.zh, c.sentence.en];
    let src: number | null = null;
    if (c.source) {
      const s = c.source;
      const t: Source =
        s.asOf !== undefined
          ? [s.typeCode, s.typeName, s.number, s.issuer, s.identifier, s.asOf]
          : [s.typeCode, s.typeName, s.number, s.issuer, s.identifier];
      const key = t.join('\u0000');
      let n = at.get(key);
      if (n === undefined) at.set(key, (n = sources.push(t) - 1));
      src = n;
    }
    const def = rules.get(c.id);
    const own: Own = {};
    if (!def || def.kind !== c.kind) own.k = c.kind;
    if (!def || !sameLabel(def.label, c.label)) own.l = [c.label.zh, c.label.en];
    const hasOwn = own.k !== undefined || own.l !== undefined;
    if (hasOwn) row.push(src, c.detail ? [c.detail.zh, c.detail.en] : null, own);
    else if (c.detail) row.push(src, [c.detail.zh, c.detail.en]);
    else if (src !== null) row.push(src);
    return row;
  });
  return JSON.stringify({ v: CODEC_VERSION, s: sources, c: out });
}

const isStr = (x: unknown): x is string => typeof x === 'string';
const pair = (x: unknown): x is [string, string] => Array.isArray(x) && x.length === 2 && isStr(x[0]) && isStr(x[1]);

/** Stored checks back as CheckResult[]: the compact form, or a row written before it (a plain array). */
export function decodeChecks(text: string, item: CodecItem, line: number): CheckResult[] {
  const bad = (why: string) =>
    new BatchError('BATCH_ROW_DAMAGED', `The stored checks of line ${line} cannot be read: ${why}.`, { line });
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    throw bad('not JSON');
  }
  if (Array.isArray(doc)) return doc as CheckResult[];
  if (typeof doc !== 'object' || doc === null) throw bad('neither a list nor a versioned record');
  const { v, s, c } = doc as { v?: unknown; s?: unknown; c?: unknown };
  if (v !== CODEC_VERSION) throw bad(`unknown format version ${JSON.stringify(v)}`);
  if (!Array.isArray(s) || !Array.isArray(c)) throw bad('sources or checks missing');
  const sources: CheckSource[] = s.map((t: unknown, i) => {
    if (!Array.isArray(t) || (t.length !== 5 && t.length !== 6) || !t.every(isStr)) throw bad(`source ${i} malformed`);
    const [typeCode, typeName, number, issuer, identifier, asOf] = t as string[];
    return {
      typeCode: typeCode!,
      typeName: typeName!,
      number: number!,
      issuer: issuer!,
      identifier: identifier!,
      ...(asOf !== undefined ? { asOf } : {}),
    };
  });
  const rules = ruleDefaults(item);
  return c.map((x: unknown, i): CheckResult => {
    if (!Array.isArray(x) || x.length < 4 || x.length > 7) throw bad(`check ${i} malformed`);
    const [id, r, zh, en, src, detail, own] = x as unknown[];
    const result = typeof r === 'number' ? RESULTS[r] : undefined;
    if (!isStr(id) || !result || !isStr(zh) || !isStr(en)) throw bad(`check ${i} malformed`);
    let source: CheckSource | undefined;
    if (src !== undefined && src !== null) {
      source = typeof src === 'number' ? sources[src] : undefined;
      if (!source) throw bad(`check ${i} points at source ${JSON.stringify(src)} of ${sources.length}`);
    }
    if (detail !== undefined && detail !== null && !pair(detail)) throw bad(`check ${i} detail malformed`);
    let k: string | undefined;
    let l: [string, string] | undefined;
    if (own !== undefined) {
      if (typeof own !== 'object' || own === null) throw bad(`check ${i} own fields malformed`);
      ({ k, l } = own as Own);
      if ((k !== undefined && !isStr(k)) || (l !== undefined && !pair(l))) throw bad(`check ${i} own fields malformed`);
    }
    const def = rules.get(id);
    return {
      id,
      kind: k ?? def?.kind ?? 'expr',
      label: l ? { zh: l[0], en: l[1] } : def ? { ...def.label } : { zh: id, en: id },
      result,
      sentence: { zh, en },
      ...(source ? { source: { ...source } } : {}),
      ...(detail ? { detail: { zh: detail[0], en: detail[1] } } : {}),
    };
  });
}
