import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { CardFields } from '../card';
import { ReaderError } from '../errors';
import { encodeCardText } from '../text/encode';

/** A card the simulator can hold. Everything here is fictional. */
export interface DemoCard {
  id: string;
  label: string;
  fields: CardFields;
  addedAddress?: string;
  /** When set, 30 10 returns a fingerprint block; otherwise fpLen is 0. */
  hasFingerprint?: boolean;
}

const Iso = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected YYYY-MM-DD');

/** Shape accepted from outside (training data, sim-peer --cards file). */
export const DemoCardSchema = z.object({
  id: z.string().min(1),
  label: z.string().optional(),
  kind: z.enum(['resident', 'hmt_permit', 'foreign_2017', 'foreign_2023']).default('resident'),
  name: z.string(),
  nameEn: z.string().optional(),
  sex: z.enum(['0', '1', '2', '9']),
  nation: z
    .string()
    .regex(/^\d{2}$/)
    .optional(),
  birth: Iso,
  address: z.string().optional(),
  number: z.string().min(1),
  authority: z.string().optional(),
  validFrom: Iso,
  validTo: z.union([Iso, z.literal('long-term')]),
  extra: z.record(z.string(), z.string()).optional(),
  addedAddress: z.string().optional(),
  hasFingerprint: z.boolean().optional(),
});

export type DemoCardInput = z.input<typeof DemoCardSchema>;

/** Validates card descriptions and checks each one fits the card layout. */
export function parseDemoCards(input: unknown): DemoCard[] {
  const parsed = z.array(DemoCardSchema).safeParse(input);
  if (!parsed.success) {
    throw new ReaderError(
      'CARD_INPUT_INVALID',
      `Demo card list is invalid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}. Fix the training data.`,
    );
  }
  const seen = new Set<string>();
  return parsed.data.map((c) => {
    if (seen.has(c.id))
      throw new ReaderError('CARD_INPUT_INVALID', `Demo card id "${c.id}" appears twice; ids must be unique.`);
    seen.add(c.id);
    const { id, label, addedAddress, hasFingerprint, ...rest } = c;
    const fields: CardFields = rest;
    encodeCardText(fields); // throws CARD_INPUT_INVALID when a field does not fit
    return {
      id,
      label: label ?? `${c.name} (${c.kind})`,
      fields,
      ...(addedAddress ? { addedAddress } : {}),
      ...(hasFingerprint ? { hasFingerprint } : {}),
    };
  });
}

/** Deterministic stand-in for the 1024-byte WLT photo (the real format is licensed). */
export function fakeBiometric(id: string, what: 'photo' | 'fingerprint', len = 1024): Uint8Array {
  const out = new Uint8Array(len);
  for (let i = 0, block = 0; i < len; block++) {
    const h = createHash('sha256').update(`${what}:${id}:${block}`).digest();
    out.set(h.subarray(0, Math.min(h.length, len - i)), i);
    i += h.length;
  }
  return out;
}

/** Built-in demo cards: one per kind, a long-term card and one expired card. All people are fictional. */
export const BUILTIN_DEMO_CARDS: DemoCardInput[] = [
  {
    id: 'resident-wang',
    label: '居民身份证 王晓明（有效）',
    kind: 'resident',
    name: '王晓明',
    sex: '1',
    nation: '01',
    birth: '1985-03-12',
    address: '北京市海淀区学院路示例小区3号楼2单元501室',
    number: '110108198503120038',
    authority: '北京市公安局海淀分局',
    validFrom: '2015-06-01',
    validTo: '2035-06-01',
    hasFingerprint: true,
  },
  {
    id: 'resident-li-expired',
    label: '居民身份证 李秀英（已过期）',
    kind: 'resident',
    name: '李秀英',
    sex: '2',
    nation: '03',
    birth: '1960-11-23',
    address: '北京市延庆区示范镇示例村88号',
    number: '110229196011230044',
    authority: '北京市公安局延庆分局',
    validFrom: '2006-01-15',
    validTo: '2016-01-15',
  },
  {
    id: 'resident-ayguli-longterm',
    label: '居民身份证 阿依古丽·买买提（长期）',
    kind: 'resident',
    name: '阿依古丽·买买提',
    sex: '2',
    nation: '05',
    birth: '1968-07-09',
    address: '新疆乌鲁木齐市天山区示例路12号',
    number: '650102196807090024',
    authority: '乌鲁木齐市公安局天山区分局',
    validFrom: '2012-08-20',
    validTo: 'long-term',
    addedAddress: '北京市朝阳区示例街道6号院1号楼',
  },
  {
    id: 'hmt-chen',
    label: '港澳居民居住证 陈嘉欣',
    kind: 'hmt_permit',
    name: '陈嘉欣',
    sex: '2',
    birth: '1992-08-15',
    address: '北京市东城区示例胡同7号',
    number: '810000199208150027',
    authority: '北京市公安局东城分局',
    validFrom: '2023-05-10',
    validTo: '2028-05-10',
    extra: { passNumber: 'H60000001', issueCount: '01' },
  },
  {
    id: 'foreign2017-smith',
    label: '外国人永久居留身份证（2017）SMITH',
    kind: 'foreign_2017',
    name: '史约翰',
    nameEn: 'SMITH, JOHN SAMPLE',
    sex: '1',
    birth: '1975-06-13',
    number: 'CAN110075061301',
    validFrom: '2019-04-01',
    validTo: '2029-04-01',
    extra: { nationality: 'CAN', cardVersion: '05', authorityCode: '1500' },
  },
  {
    id: 'foreign2023-garcia',
    label: '外国人永久居留身份证（2023）GARCIA',
    kind: 'foreign_2023',
    name: '玛丽亚',
    nameEn: 'GARCIA LOPEZ, MARIA FERNANDA EXAMPLE TEST',
    sex: '2',
    birth: '1990-02-28',
    number: '911724199002280022',
    validFrom: '2024-03-01',
    validTo: '2034-03-01',
    extra: { renewalCount: '00', nationality: 'ESP', previousNumberLink: '' },
  },
];
