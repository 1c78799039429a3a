import { maskIdNumber } from '../../../protocol/id-mask';
import type { CertificateCheck, Fact } from '../certificates/types';
import { evidenceFor, rows } from './evidence';
import type { FactSpec } from './facts-schema';
import { listsPerson, sameId } from './household';
import type { CheckResult, RuleFacts } from './types';

export interface FactsItem {
  facts: readonly FactSpec[];
}

const UNAVAILABLE = '—';

function licenseValue(spec: Extract<FactSpec, { from: 'license' }>, facts: RuleFacts): Fact['value'] | undefined {
  // Only verified data reaches a certificate; for a household register, the applicant's own.
  const e = evidenceFor(facts, spec.type, (l) => (spec.type === '111002' ? listsPerson(l, facts.card.idNumber) : true));
  if (e.state !== 'found') return undefined;
  const v = e.license.surface[spec.field];
  if (spec.columns) {
    const table = rows(v);
    if (table.length === 0) return undefined;
    return {
      columns: spec.columns.map((c) => ({
        key: c.key,
        label: c.label.zh,
        labelEn: c.label.en,
        ...(c.width ? { width: c.width } : {}),
      })),
      rows: table.map((r) =>
        Object.fromEntries(
          spec.columns!.map((c) => [c.key, c.mask ? maskIdNumber(r[c.key] ?? '') : (r[c.key] ?? '').trim()]),
        ),
      ),
    };
  }
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

function valueOf(
  spec: FactSpec,
  facts: RuleFacts,
  checks: readonly CheckResult[],
  serial: string | undefined,
): Fact['value'] | undefined {
  switch (spec.from) {
    case 'license':
      return licenseValue(spec, facts);
    case 'check-source': {
      const c = checks.find((x) => x.id === spec.check);
      return c?.result === 'passed' && c.source
        ? `${c.source.typeName} ${c.source.number}（${c.source.issuer}）`
        : undefined;
    }
    case 'check-detail':
      return checks.find((x) => x.id === spec.check)?.detail?.zh;
    case 'serial':
      return serial;
    case 'card':
      return facts.card[spec.field] || undefined;
  }
}

/**
 * The facts list of the certificate, in catalog order. A fact the data cannot supply is left out
 * when optional and shown as "—" otherwise, so a certificate printed under override still says
 * what could not be established.
 */
export function certificateFacts(
  item: FactsItem,
  facts: RuleFacts,
  checks: readonly CheckResult[],
  opts: { serial?: string } = {},
): Fact[] {
  const out: Fact[] = [];
  for (const spec of item.facts) {
    const value = valueOf(spec, facts, checks, opts.serial);
    if (value === undefined && spec.optional) continue;
    out.push({ key: spec.key, label: spec.label.zh, labelEn: spec.label.en, value: value ?? UNAVAILABLE });
  }
  return out;
}

/** Check results in the certificate's shape (zh wording; the template prints the English labels itself). */
export const certificateChecks = (checks: readonly CheckResult[]): CertificateCheck[] =>
  checks.map((c) => ({
    id: c.id,
    label: c.label.zh,
    result: c.result,
    sentence: c.sentence.zh,
    ...(c.source
      ? {
          source: {
            typeName: c.source.typeName,
            number: c.source.number,
            issuer: c.source.issuer,
            ...(c.source.asOf ? { asOf: c.source.asOf } : {}),
          },
        }
      : {}),
  }));

/**
 * The holder's photo for items printed with one (catalog `photo`), as PNG bytes, from the
 * applicant's own verified license only; undefined when there is none to use.
 */
export function certificatePhoto(
  item: { photo?: { type: string; field: string } },
  facts: RuleFacts,
): Uint8Array | undefined {
  if (!item.photo) return undefined;
  const e = evidenceFor(facts, item.photo.type, (l) => sameId(l.certificateHolderCode, facts.card.idNumber));
  if (e.state !== 'found') return undefined;
  const b64 = e.license.surface[item.photo.field];
  if (typeof b64 !== 'string' || b64.trim() === '') return undefined;
  const bytes = Buffer.from(b64, 'base64');
  // PNG signature; anything else would fail later inside the PDF renderer with a less useful error.
  return bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    ? new Uint8Array(bytes)
    : undefined;
}
