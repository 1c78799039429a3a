import { canonicalJson as protocolCanonicalJson } from '../../../protocol/canonical';
import { sm3 } from '../../../protocol/sm3';
import type { ParsedCertificateData } from './types';

type Json = string | number | boolean | null | Json[] | { [k: string]: Json };

/** Every string value in NFC, so text typed or read in another normal form gives the same bytes. */
function nfc(value: Json): Json {
  if (typeof value === 'string') return value.normalize('NFC');
  if (value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map(nfc);
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, nfc(v)]));
}

/** The protocol's canonical JSON (sorted keys, no whitespace) over NFC text: the same facts always give the same bytes. */
export function canonicalJson(value: Json): string {
  return protocolCanonicalJson(nfc(value));
}

function drop<T extends Record<string, Json | undefined>>(o: T): { [k: string]: Json } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as { [k: string]: Json };
}

/**
 * The facts the signature vouches for. Presentation-only flags (reprint) are left out on purpose,
 * so a reprint of a certificate carries the same hash as the original; the photo is left out
 * because it is the registry's, already signed there, and too large to matter for a paper check.
 */
export function canonicalFacts(d: ParsedCertificateData): { [k: string]: Json } {
  return drop({
    v: 1,
    serial: d.serial,
    itemCode: d.itemCode,
    holder: drop({ ...d.holder }),
    facts: d.facts.map((f) =>
      drop({
        key: f.key,
        label: f.label,
        value:
          typeof f.value === 'string'
            ? f.value
            : { columns: f.value.columns.map((c) => c.key), rows: f.value.rows.map((r) => drop({ ...r })) },
      }),
    ),
    checks: d.checks.map((c) =>
      drop({ id: c.id, result: c.result, sentence: c.sentence, source: c.source ? drop({ ...c.source }) : undefined }),
    ),
    result: d.result,
    hall: d.hall.id,
    counter: d.counter,
    clerk: d.clerk.id,
    issuedAt: new Date(d.issuedAt).toISOString(),
    dataAsOf: d.dataAsOf ? new Date(d.dataAsOf).toISOString() : undefined,
    training: d.training,
    override: d.override ? drop({ ...d.override }) : undefined,
  });
}

export function factsHash(d: ParsedCertificateData): Buffer {
  return sm3(canonicalJson(canonicalFacts(d)));
}
