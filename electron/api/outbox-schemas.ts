import { z } from 'zod';

export const mySubmissionsInput = z.object({ onlyNeedsAction: z.boolean().default(false) }).strict();
export const submissionRef = z.object({ id: z.number().int().positive() }).strict();
