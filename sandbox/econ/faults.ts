import { z } from 'zod';
import { SOURCE_KEYS, type SourceKey } from './types';

/** Per-source switches: the platform answers, but one source behind it is down, slow or serves broken signatures. */
const one = z
  .object({
    down: z.boolean().default(false),
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    brokenSignature: z.boolean().default(false),
  })
  .strict();

export const econFaultsSchema = z
  .object({
    /** Added to every source's answer (each source also has its own). */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    sources: z.partialRecord(z.enum(SOURCE_KEYS as [SourceKey, ...SourceKey[]]), one).default({}),
  })
  .strict();

export type EconFaults = z.infer<typeof econFaultsSchema>;
export type EconFaultsInput = z.input<typeof econFaultsSchema>;

export function sourceFault(
  f: EconFaults,
  key: SourceKey,
): { down: boolean; latencyMs: number; brokenSignature: boolean } {
  const s = f.sources[key];
  return {
    down: s?.down ?? false,
    latencyMs: f.latencyMs + (s?.latencyMs ?? 0),
    brokenSignature: s?.brokenSignature ?? false,
  };
}
