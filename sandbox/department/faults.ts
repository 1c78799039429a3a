import { z } from 'zod';

/** Misbehaviour of the sandbox department, apart from the registry's so one can fail while the other works. */
export const departmentFaultsSchema = z
  .object({
    /** Added before every /dept answer. */
    latencyMs: z.number().int().min(0).max(120_000).default(0),
    /** Share of /dept calls answered 500 before anything is recorded. */
    errorRate: z.number().min(0).max(1).default(0),
    /** Drop every /dept connection without an answer. */
    down: z.boolean().default(false),
    /**
     * Share of new submissions that are recorded and then lose their answer (socket closed): the
     * terminal cannot tell it apart from "never arrived", so only the idempotency key keeps it single.
     */
    lostAnswerRate: z.number().min(0).max(1).default(0),
  })
  .strict();

export type DepartmentFaults = z.infer<typeof departmentFaultsSchema>;
export type DepartmentFaultsInput = z.input<typeof departmentFaultsSchema>;
