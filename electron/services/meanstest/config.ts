import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { MeansError } from './errors';

const bi = z.object({ zh: z.string(), en: z.string() }).strict();

import { SOURCE_KEYS, type SourceKey } from './keys';

export { SOURCE_KEYS, type SourceKey };

const sourcesSchema = z
  .object({
    $comment: z.string().optional(),
    sources: z
      .array(
        z
          .object({
            key: z.enum(SOURCE_KEYS),
            typeCode: z.string().regex(/^\d{6}$/),
            issuer: z.string(),
            issuerCode: z.string(),
            issuerZh: z.string(),
            issuerEn: z.string(),
            nameZh: z.string(),
            nameEn: z.string(),
          })
          .strict(),
      )
      .length(SOURCE_KEYS.length),
    depositBands: z.array(z.object({ band: z.string(), zh: z.string(), en: z.string(), lower: z.number() }).strict()),
    healthCommission: z
      .object({
        $comment: z.string().optional(),
        typeCode: z.string(),
        key: z.string(),
        issuerCode: z.string(),
        nameZh: z.string(),
        nameEn: z.string(),
      })
      .strict(),
  })
  .strict();

const areaSchema = z
  .object({
    name: bi,
    incomeStandard: z.number().positive(),
    floorSpacePerPerson: z.number().positive(),
    homesLimit: z.number().int().min(1),
    floorSpaceMultiple: z.number().positive(),
    vehicleExemptions: z.object({ types: z.array(z.string()), uses: z.array(z.string()) }).strict(),
    windowMonths: z.number().int().min(6).max(24),
    depositMonthsPerPerson: z.number().positive(),
    roles: z.array(z.string()).min(1),
  })
  .strict();

const areasSchema = z.object({ $comment: z.string().optional(), areas: z.record(z.string(), areaSchema) }).strict();

const itemsSchema = z
  .object({
    $comment: z.string().optional(),
    items: z.record(
      z.string(),
      z
        .object({
          /** The department the report goes to (an id of resources/catalog/departments.json). */
          department: z.string(),
          /** The applicant's own extra evidence (大病救助: the hospital bill). */
          applicantLicenses: z.array(z.string()).default([]),
          reason: bi,
        })
        .strict(),
    ),
  })
  .strict();

export type SourceDef = z.output<typeof sourcesSchema>['sources'][number];
export type AreaRules = z.output<typeof areaSchema>;
export type MeansItem = z.output<typeof itemsSchema>['items'][string];

export interface MeansConfig {
  sources: SourceDef[];
  depositBands: z.output<typeof sourcesSchema>['depositBands'];
  medicalBill: z.output<typeof sourcesSchema>['healthCommission'];
  areas: Record<string, AreaRules>;
  items: Record<string, MeansItem>;
}

function parse<T>(schema: z.ZodType<T>, file: string): T {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new MeansError('MEANS_CONFIG_INVALID', `${file}: ${e instanceof Error ? e.message : String(e)}`, {
      field: file,
    });
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0]!;
    const field = `${file}: ${i.path.join('.')}`;
    throw new MeansError('MEANS_CONFIG_INVALID', `${field}: ${i.message}`, { field });
  }
  return r.data;
}

/** resources/meanstest: the sources, the thresholds per area and the items that run the check. */
export function loadMeansConfig(resourcesDir: string): MeansConfig {
  const dir = join(resourcesDir, 'meanstest');
  const s = parse(sourcesSchema, join(dir, 'sources.json'));
  const a = parse(areasSchema, join(dir, 'areas.json'));
  const i = parse(itemsSchema, join(dir, 'items.json'));
  if (!a.areas[''])
    throw new MeansError('MEANS_CONFIG_INVALID', 'areas.json needs a default area ""', { field: 'areas' });
  return {
    sources: s.sources,
    depositBands: s.depositBands,
    medicalBill: s.healthCommission,
    areas: a.areas,
    items: i.items,
  };
}

/** The rules of the longest areaCode prefix that has its own entry; '' is the default. */
export function areaRules(cfg: MeansConfig, areaCode: string): { prefix: string; rules: AreaRules } {
  let best = '';
  for (const p of Object.keys(cfg.areas)) if (areaCode.startsWith(p) && p.length > best.length) best = p;
  return { prefix: best, rules: cfg.areas[best]! };
}
