import { isValidIdNumber } from '../../../protocol/id-number';
import type { FormFieldView } from './types';

export interface FieldProblem {
  key: string;
  problem: 'required' | 'pattern' | 'maxLength' | 'number' | 'range' | 'option' | 'idNumber' | 'date';
}

/**
 * The item's form schema applied to what the clerk confirmed. The renderer applies the same rules
 * as antd Form rules; this is the one that counts. Call it with the locked (evidence) values
 * already taken from the server's form, never from the page.
 */
export function validateForm(fields: readonly FormFieldView[], values: Record<string, string>): FieldProblem[] {
  const out: FieldProblem[] = [];
  for (const f of fields) {
    const v = (values[f.key] ?? '').trim();
    if (!v) {
      if (f.required) out.push({ key: f.key, problem: 'required' });
    } else if (f.maxLength && v.length > f.maxLength) out.push({ key: f.key, problem: 'maxLength' });
    else if (f.pattern && !new RegExp(`^(?:${f.pattern})$`, 'u').test(v)) out.push({ key: f.key, problem: 'pattern' });
    else if (f.type === 'idNumber' && !isValidIdNumber(v)) out.push({ key: f.key, problem: 'idNumber' });
    else if (f.type === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(v)) out.push({ key: f.key, problem: 'date' });
    else if (f.type === 'select' && f.options && !f.options.some((o) => o.value === v))
      out.push({ key: f.key, problem: 'option' });
    else if (f.type === 'number') {
      const n = Number(v);
      if (!Number.isFinite(n)) out.push({ key: f.key, problem: 'number' });
      else if ((f.min !== undefined && n < f.min) || (f.max !== undefined && n > f.max))
        out.push({ key: f.key, problem: 'range' });
    }
  }
  return out;
}
