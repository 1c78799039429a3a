import { celError, isCelError, parse, plan, type CelResult } from '@bufbuild/cel';
import type { Expr } from '@bufbuild/cel-spec/cel/expr/syntax_pb.js';
import { RuleError } from '../errors';
import { EXTRA_FUNCTIONS, exprEnv } from './env';
import { CARD_FIELDS, licenseKeyType, ROOTS } from './names';

/** What an expression reads, known before it runs: the evidence it needs is decided from this. */
export interface Reads {
  /** License keys (lic.<key>). */
  licenses: Set<string>;
  card: Set<string>;
  params: Set<string>;
  cases: boolean;
}

export interface CompiledExpr {
  source: string;
  reads: Reads;
  run(bindings: Record<string, unknown>): CelResult;
}

const emptyReads = (): Reads => ({ licenses: new Set(), card: new Set(), params: new Set(), cases: false });

class ExprProblem extends Error {}

/** CEL's standard functions an item may use (operators aside), and this product's date functions. */
const FUNCTIONS = new Set([
  'size',
  'int',
  'uint',
  'double',
  'string',
  'bool',
  'dyn',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  ...EXTRA_FUNCTIONS,
]);

/** The chain a.b.c as ['a','b','c'] when it starts at an identifier, else undefined. */
function chain(e: Expr): string[] | undefined {
  const k = e.exprKind;
  if (k.case === 'identExpr') return [k.value.name];
  if (k.case === 'selectExpr' && k.value.operand) {
    const head = chain(k.value.operand);
    return head ? [...head, k.value.field] : undefined;
  }
  return undefined;
}

/**
 * Walks the parsed expression and records every piece of evidence it names. Anything outside the
 * declared roots, an unknown license key or field, or an index into a root (lic['x'], which would
 * hide what is read) is refused here, so the catalog check catches it and nothing is read blindly.
 */
function walk(e: Expr | undefined, locals: ReadonlySet<string>, reads: Reads): void {
  if (!e) return;
  const k = e.exprKind;
  switch (k.case) {
    case 'constExpr':
      return;
    case 'identExpr': {
      const n = k.value.name;
      if (locals.has(n)) return;
      if (n === 'today') return;
      if (n === 'cases') {
        reads.cases = true;
        return;
      }
      if ((ROOTS as readonly string[]).includes(n))
        throw new ExprProblem(
          `"${n}" must be followed by a field, e.g. ${n === 'lic' ? 'lic.disability.grade' : `${n}.x`}`,
        );
      throw new ExprProblem(`unknown name "${n}"; an expression can read only ${ROOTS.join(', ')}`);
    }
    case 'selectExpr': {
      const c = chain(e);
      if (c && !locals.has(c[0]!) && (c[0] === 'lic' || c[0] === 'card' || c[0] === 'params')) {
        if (c[0] === 'lic') {
          const info = licenseKeyType(c[1]!);
          if (!info)
            throw new ExprProblem(`unknown license "${c[1]}"; use a key from resources/registry/license-types.json`);
          if (c[2] !== undefined && !info.fields.has(c[2]))
            throw new ExprProblem(`license ${c[1]} has no field "${c[2]}" (fields: ${[...info.fields].join(', ')})`);
          reads.licenses.add(c[1]!);
        } else if (c[0] === 'card') {
          if (!(CARD_FIELDS as readonly string[]).includes(c[1]!))
            throw new ExprProblem(`the card has no field "${c[1]}" (fields: ${CARD_FIELDS.join(', ')})`);
          reads.card.add(c[1]!);
        } else {
          reads.params.add(c[1]!);
        }
        return;
      }
      walk(k.value.operand, locals, reads);
      return;
    }
    case 'callExpr': {
      const { function: fn, target, args } = k.value;
      if (!/^[_@!-]/.test(fn) && !FUNCTIONS.has(fn))
        throw new ExprProblem(`unknown function "${fn}"; an expression may call ${[...FUNCTIONS].join(', ')}`);
      if (fn === '_[_]') {
        const c = args[0] ? chain(args[0]) : undefined;
        if (c && !locals.has(c[0]!) && ['lic', 'card', 'params'].includes(c[0]!) && c.length <= 2) {
          throw new ExprProblem(
            `write ${c[0]}.name rather than ${c.join('.')}[…], so what the rule reads is known before it runs`,
          );
        }
      }
      walk(target, locals, reads);
      args.forEach((a) => walk(a, locals, reads));
      return;
    }
    case 'listExpr':
      k.value.elements.forEach((x) => walk(x, locals, reads));
      return;
    case 'structExpr':
      for (const en of k.value.entries) {
        if (en.keyKind.case === 'mapKey') walk(en.keyKind.value, locals, reads);
        walk(en.value, locals, reads);
      }
      return;
    case 'comprehensionExpr': {
      const c = k.value;
      walk(c.iterRange, locals, reads);
      walk(c.accuInit, locals, reads);
      const inner = new Set([...locals, c.iterVar, c.accuVar, ...(c.iterVar2 ? [c.iterVar2] : [])]);
      walk(c.loopCondition, inner, reads);
      walk(c.loopStep, inner, reads);
      walk(c.result, inner, reads);
      return;
    }
    default:
      throw new ExprProblem('this kind of expression is not supported');
  }
}

// The same text compiles to the same thing wherever it appears ("{{card.age}}" is in many items),
// and parsing is the costly part of loading the catalog, so each distinct text is compiled once.
const compiled = new Map<string, CompiledExpr>();
const PATH = /^[a-z_]+(\.[A-Za-z_][A-Za-z0-9_]*)+$/;

/** `card.age`, `lic.disability.grade`: looked up directly, after the same checks as a parsed expression. */
function pathExpr(source: string): CompiledExpr {
  const parts = source.split('.');
  const reads = emptyReads();
  // A select chain checked exactly as walk() checks one.
  let e: Expr = { exprKind: { case: 'identExpr', value: { name: parts[0]! } } } as unknown as Expr;
  for (const field of parts.slice(1))
    e = { exprKind: { case: 'selectExpr', value: { operand: e, field, testOnly: false } } } as unknown as Expr;
  walk(e, new Set(), reads);
  return {
    source,
    reads,
    run: (b) => {
      let v: unknown = b[parts[0]!];
      for (const p of parts.slice(1)) {
        if (!(v instanceof Map) || !v.has(p)) return celError(`no such key: ${p}`);
        v = v.get(p);
      }
      return v as CelResult;
    },
  };
}

/** Parses, checks and plans one expression once; `where` names it in the error (item file, rule id). */
export function compileExpr(source: string, where: string): CompiledExpr {
  const hit = compiled.get(source);
  if (hit) return hit;
  try {
    let out: CompiledExpr;
    if (PATH.test(source)) out = pathExpr(source);
    else {
      const parsed = parse(source);
      const reads = emptyReads();
      walk(parsed.expr, new Set(), reads);
      const planned = plan(exprEnv, parsed);
      out = { source, reads, run: (b) => planned(b as never) };
    }
    compiled.set(source, out);
    return out;
  } catch (e) {
    throw new RuleError(
      'RULE_EXPR_INVALID',
      `The expression of ${where} is invalid (${e instanceof Error ? e.message : String(e)}): ${source}; fix it in resources/catalog.`,
    );
  }
}

export type TemplatePart = string | CompiledExpr;

/** "现年 {{card.age}} 周岁": literal text and expressions, each compiled once. */
export function compileTemplate(text: string, where: string): TemplatePart[] {
  const parts: TemplatePart[] = [];
  const re = /\{\{([\s\S]*?)\}\}/g;
  let last = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    if (m.index > last) parts.push(text.slice(last, m.index));
    parts.push(compileExpr(m[1]!.trim(), where));
    last = m.index + m[0].length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}

export function mergeReads(into: Reads, from: Reads): Reads {
  from.licenses.forEach((x) => into.licenses.add(x));
  from.card.forEach((x) => into.card.add(x));
  from.params.forEach((x) => into.params.add(x));
  into.cases ||= from.cases;
  return into;
}

export const templateReads = (parts: readonly TemplatePart[]): Reads =>
  parts.reduce((r, p) => (typeof p === 'string' ? r : mergeReads(r, p.reads)), emptyReads());

export { emptyReads, isCelError };
