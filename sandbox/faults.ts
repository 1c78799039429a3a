import { z } from 'zod';

/** Misbehaviour the sandbox can be told to show, for tests and training drills. */
export const faultsSchema = z
  .object({
    /** Added before every /v1 answer. */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /** Share of /v1 calls answered 503. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Drop every /v1 connection without an answer. */
    down: z.boolean().default(false),
    /** Promise a full body, send half, then close. */
    truncate: z.boolean().default(false),
    /** Answer 200 with an HTML page instead of JSON. */
    nonJson: z.boolean().default(false),
    /** Answer with a body of this many bytes (0 = off). */
    oversizeBytes: z
      .number()
      .int()
      .min(0)
      .max(512 * 1024 * 1024)
      .default(0),
    /** Serve every license with content that no longer matches its signature. */
    brokenSignature: z.boolean().default(false),
    /** Serve every license signed by an issuer missing from the trust list. */
    unknownIssuer: z.boolean().default(false),
    /** The batch endpoint alone is down (the connection is dropped); per-person calls still answer. */
    batchDown: z.boolean().default(false),
    /**
     * The batch endpoint does its work and records its uses, then drops the connection: the
     * terminal falls back to per-person calls for people the registry has already recorded.
     */
    batchAnswerLost: z.boolean().default(false),
    /** The population query alone is down (the connection is dropped). */
    populationDown: z.boolean().default(false),
    /** The population query over-shares: every person comes back with a full address and a phone number nobody asked for. */
    populationOvershare: z.boolean().default(false),
    /** The 好差评 platform (/haocha/v1) alone drops every connection; the registry still answers. */
    ratingsDown: z.boolean().default(false),
  })
  .strict();

export type Faults = z.infer<typeof faultsSchema>;
export type FaultsInput = z.input<typeof faultsSchema>;

export const NO_FAULTS: Faults = faultsSchema.parse({});
