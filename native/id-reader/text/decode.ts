import type { Card, CardKind, CardWarning } from '../card';
import { ReaderError } from '../errors';
import { nationByCode, sexByCode, type CodeLabel } from './codes';
import { EXTRA_FIELDS, LAYOUTS, TEXT_BLOCK_LEN, kindOf, type Layout } from './layout';
import { decodeField } from './utf16';
import { LONG_TERM_TEXT, normaliseDate, validateCard } from './validate';

function field(block: Uint8Array, layout: Layout, key: string): string {
  const f = layout[key];
  if (!f) return '';
  return decodeField(block.subarray(f[0], f[0] + f[1]));
}

function date(raw: string, what: string, warnings: CardWarning[]): string {
  const d = normaliseDate(raw);
  if (d) return d;
  warnings.push({
    code: 'BAD_DATE',
    message: `The ${what} on the card ("${raw}") is not a valid date; verify the card by hand.`,
  });
  return raw;
}

function sex(code: string, warnings: CardWarning[]): CodeLabel {
  const s = sexByCode(code);
  if (s) return s;
  warnings.push({ code: 'UNKNOWN_SEX', message: `Sex code "${code}" is not in GB/T 2261.1; verify the card by hand.` });
  return { code, label: code, labelEn: code };
}

/**
 * Decodes the 256-byte text block of any supported card. Only a block of the wrong size is an
 * error; odd content becomes warnings on the Card so the clerk still sees what the card says.
 */
export function decodeCardText(block: Uint8Array, now: Date = new Date()): Card {
  if (block.length !== TEXT_BLOCK_LEN) {
    throw new ReaderError(
      'CARD_TEXT_INVALID',
      `Card text block is ${block.length} bytes, expected ${TEXT_BLOCK_LEN}; place the card again.`,
    );
  }
  const kind: CardKind = kindOf(block);
  const layout: Layout = LAYOUTS[kind];
  const get = (k: string) => field(block, layout, k);
  const warnings: CardWarning[] = [];

  let name = get('name');
  let nameEn: string | undefined;
  if (kind === 'foreign_2017') nameEn = get('nameEn');
  if (kind === 'foreign_2023') nameEn = `${get('nameEn')}${get('nameEnOverflow')}`.trim();
  if (name === '' && nameEn) name = nameEn;

  let nation: CodeLabel | undefined;
  if (kind === 'resident') {
    const code = get('nation');
    const n = nationByCode(code);
    if (n) nation = { code: n.code, label: n.label, labelEn: n.labelEn };
    else {
      nation = { code, label: code, labelEn: code };
      warnings.push({
        code: 'UNKNOWN_NATION',
        message: `Nation code "${code}" is not in GB/T 3304; verify the card by hand.`,
      });
    }
  }

  const validToRaw = get('validTo');
  const extra: Record<string, string> = {};
  for (const k of EXTRA_FIELDS[kind]) extra[k] = get(k);

  const card: Card = {
    kind,
    name,
    ...(nameEn ? { nameEn } : {}),
    sex: sex(get('sex'), warnings),
    ...(nation ? { nation } : {}),
    birth: date(get('birth'), 'birth date', warnings),
    ...(kind === 'resident' || kind === 'hmt_permit' ? { address: get('address'), authority: get('authority') } : {}),
    number: get('number').toUpperCase(),
    validFrom: date(get('validFrom'), 'valid-from date', warnings),
    validTo: validToRaw === LONG_TERM_TEXT ? 'long-term' : date(validToRaw, 'expiry date', warnings),
    extra,
    warnings,
  };
  card.warnings.push(...validateCard(card, now));
  return card;
}
