import { z } from 'zod';
import { readFileSync } from 'node:fs';
import { CacheError } from './errors';

const HOUR_MS = 3_600_000;

const rule = z
  .object({
    maxAgeHours: z
      .number()
      .positive()
      .max(24 * 365),
    retentionDays: z.number().positive().max(3650),
  })
  .refine((r) => r.retentionDays * 24 >= r.maxAgeHours, {
    message: 'retentionDays must cover maxAgeHours, or entries would be purged while still servable',
  });

const schema = z.object({
  default: rule,
  types: z.record(z.string().regex(/^\d{6}$/, 'license type codes are 6 digits'), rule),
});

export type CacheRule = z.infer<typeof rule>;
export type CachePolicy = z.infer<typeof schema>;

/** Validates a policy (bundled file or an override from config); CACHE_POLICY_INVALID names the bad field. */
export function parseCachePolicy(input: unknown, source = 'cache policy'): CachePolicy {
  const r = schema.safeParse(input);
  if (!r.success) {
    const issues = r.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new CacheError(
      'CACHE_POLICY_INVALID',
      `${source} is invalid (${issues}); fix the file or remove the override to use the defaults`,
    );
  }
  return r.data;
}

/** Where the shipped policy lives, relative to the resources directory. */
export const CACHE_POLICY_FILE = 'registry/cache-policy.json';

/**
 * Reads and validates a policy file, e.g. join(resourcesDir, CACHE_POLICY_FILE). Read at runtime
 * rather than imported so a hall can ship an adjusted file without a rebuild.
 */
export function loadCachePolicy(file: string): CachePolicy {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (cause) {
    throw new CacheError(
      'CACHE_POLICY_INVALID',
      `cache policy ${file} could not be read as JSON (${(cause as Error).message}); restore it from the app's resources`,
      { cause },
    );
  }
  return parseCachePolicy(json, file);
}

export const ruleFor = (policy: CachePolicy, typeCode: string): CacheRule => policy.types[typeCode] ?? policy.default;
export const maxAgeMs = (policy: CachePolicy, typeCode: string): number =>
  ruleFor(policy, typeCode).maxAgeHours * HOUR_MS;
export const retentionMs = (policy: CachePolicy, typeCode: string): number =>
  ruleFor(policy, typeCode).retentionDays * 24 * HOUR_MS;
