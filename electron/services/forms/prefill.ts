import type { Form, FormField } from '../catalog';
import type { PooledValue } from '../pool';
import type { RuleFacts } from '../rules';
import { evidenceFor } from '../rules/evidence';
import { licenseValue } from '../rules/expr/bindings';
import { licenseTypeName } from '../rules';
import type { FormFieldView, FormView } from './types';

export interface PrefillInput {
  facts: Pick<RuleFacts, 'card' | 'licenses' | 'missing' | 'errors'>;
  /** Values this person confirmed in earlier cases, by key (already read, and audited, by the pool). */
  pool: ReadonlyMap<string, PooledValue>;
  /** resources/catalog/hall-defaults.json keys. */
  hall: Readonly<Record<string, string>>;
  itemName?: (code: string) => string;
}

/** The keys a form would read from the pool: read them once, before prefilling. */
export function poolKeys(form: Form): string[] {
  return [...new Set(form.fields.flatMap((f) => f.source.flatMap((s) => (s.from === 'case' ? [s.key] : []))))];
}

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** First source with a value wins; only verified licenses count, as for the rules. */
function fill(f: FormField, i: PrefillInput): Pick<FormFieldView, 'value' | 'source' | 'from' | 'locked'> {
  for (const s of f.source) {
    if (s.from === 'card') {
      const v = text(i.facts.card[s.field as keyof RuleFacts['card']]);
      if (v) return { value: v, source: 'card', from: { zh: '身份证', en: 'ID card' }, locked: true };
    } else if (s.from === 'license') {
      const e = evidenceFor(i.facts as RuleFacts, s.type);
      if (e.state !== 'found') continue;
      const v = text(licenseValue(e.license).get(s.field));
      if (v) return { value: v, source: 'license', from: licenseTypeName(s.type), locked: true };
    } else if (s.from === 'case') {
      const p = i.pool.get(s.key);
      if (p && (!s.item || s.item === p.itemCode)) {
        const day = p.confirmedAt.slice(0, 10);
        const name = i.itemName?.(p.itemCode) ?? p.itemCode;
        return {
          value: p.value,
          source: 'case',
          from: { zh: `${day} ${name}`, en: `${day} ${p.itemCode}` },
          locked: false,
        };
      }
    } else if (s.from === 'hall') {
      const v = i.hall[s.key];
      if (v) return { value: v, source: 'hall', from: { zh: '大厅默认', en: 'hall default' }, locked: false };
    }
  }
  return { value: '', source: 'clerk', locked: false };
}

export function prefill(form: Form, i: PrefillInput): FormView {
  const fields = form.fields.map((f): FormFieldView => ({
    key: f.key,
    label: f.label,
    type: f.type,
    required: f.required,
    ...(f.pattern ? { pattern: f.pattern } : {}),
    ...(f.maxLength ? { maxLength: f.maxLength } : {}),
    ...(f.min !== undefined ? { min: f.min } : {}),
    ...(f.max !== undefined ? { max: f.max } : {}),
    ...(f.options ? { options: f.options } : {}),
    ...fill(f, i),
  }));
  // Optional fields left empty are not counted: the clerk skips them with Enter.
  return { fields, toType: fields.filter((f) => f.source === 'clerk' && f.required).length };
}
