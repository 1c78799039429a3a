import { z } from 'zod';

/** Input schemas of the accounts, sessions and audit operations (the contract references them). */

const role = z.enum(['clerk', 'station', 'supervisor', 'admin']);
/** Sign-in names: lowercase, start with a letter; what people type is trimmed and lowercased. */
export const accountId = z
  .string()
  .trim()
  .toLowerCase()
  .regex(
    /^[a-z][a-z0-9._-]{1,31}$/,
    'use 2-32 lowercase letters, digits, dot, dash or underscore, starting with a letter',
  );
// Bounded so a huge body cannot make scrypt hash megabytes.
const password = z.string().min(1).max(256);
const newPassword = z.string().min(8, 'at least 8 characters').max(256);
// No control characters: a NUL would also cut the name short where SQLite measures it.
const displayName = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .refine((v) => !/\p{Cc}/u.test(v), 'no control characters');
const roles = z.array(role).min(1).max(4);
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'use YYYY-MM-DD');

export const setupAdminInput = z.object({ userId: accountId, displayName, password: newPassword }).strict();
export const signInInput = z.object({ userId: z.string().trim().toLowerCase().min(1).max(64), password }).strict();
export const changePasswordInput = z.object({ currentPassword: password, newPassword }).strict();
export const unlockInput = z.object({ password }).strict();
export const createAccountInput = z
  .object({ userId: accountId, displayName, roles, temporaryPassword: newPassword })
  .strict();
export const setRolesInput = z.object({ userId: accountId, roles }).strict();
export const disableInput = z.object({ userId: accountId, disabled: z.boolean() }).strict();
export const resetPasswordInput = z.object({ userId: accountId, temporaryPassword: newPassword }).strict();
export const exportInput = z.object({ from: day, to: day, format: z.enum(['csv', 'json']) }).strict();
/**
 * Purpose binding: normally the open case the citizen is being served in. Until the case service
 * is wired the ID number and a written reason are accepted instead (and the reason is logged).
 */
export const citizenSlipInput = z.union([
  z.object({ caseId: z.string().min(1).max(64), pdf: z.boolean().default(false) }).strict(),
  z
    .object({
      idNumber: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[0-9A-Z]{6,32}$/, 'an ID card or permit number'),
      reason: z.string().trim().min(4, 'say why, e.g. "citizen asked at counter 3"').max(200),
      pdf: z.boolean().default(false),
    })
    .strict(),
]);
