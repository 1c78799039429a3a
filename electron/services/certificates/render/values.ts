import type { ValueRef } from '../template-schema';
import type { FactTable } from '../types';
import type { RenderContext } from './context';
import { formatDate, formatDateTime } from './format';

/** Text for a template value reference; undefined when the data has no such value. */
export function resolveValue(ctx: RenderContext, ref: ValueRef): string | undefined {
  const { d, timeZone } = ctx;
  if (ref.startsWith('fact:')) {
    const fact = d.facts.find((f) => f.key === ref.slice(5));
    if (!fact) return undefined;
    return typeof fact.value === 'string' ? fact.value : tableAsText(fact.value);
  }
  switch (ref) {
    case 'holder.name':
      return d.holder.name;
    case 'holder.idNumberMasked':
      return d.holder.idNumberMasked;
    case 'holder.sex':
      return d.holder.sex;
    case 'holder.birth':
      return d.holder.birth;
    case 'holder.address':
      return d.holder.address;
    case 'serial':
      return d.serial;
    case 'itemCode':
      return d.itemCode;
    case 'hall.name':
      return d.hall.name;
    case 'hall.id':
      return d.hall.id;
    case 'counter':
      return d.counter;
    case 'clerk.name':
      return d.clerk.name;
    case 'clerk':
      return `${d.clerk.name}（${d.clerk.id}）`;
    case 'issuedAt':
      return formatDateTime(d.issuedAt, timeZone);
    case 'issuedDate':
      return formatDate(d.issuedAt, timeZone);
    case 'dataAsOf':
      return d.dataAsOf ? formatDateTime(d.dataAsOf, timeZone) : undefined;
    default:
      return undefined;
  }
}

function tableAsText(t: FactTable): string {
  return t.rows.map((r) => t.columns.map((c) => r[c.key] ?? '').join(' ')).join('；');
}
