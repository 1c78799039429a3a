import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AppError } from '../errors';

const pinnedFile = z
  .array(
    z
      .object({
        issuerCode: z.string().min(1).max(32),
        publicKey: z
          .string()
          .regex(/^04[0-9a-fA-F]{128}$/, 'an uncompressed SM2 public key in hex (04 + 128 hex digits)'),
        name: z.string().max(200).optional(),
      })
      .strict(),
  )
  .min(1)
  .max(1000);

/**
 * Reads the out-of-band issuer keys (`registry.pinnedIssuers`). A file that cannot be read or
 * does not parse stops the start: running on unpinned keys when pinning was asked for would
 * silently drop the protection.
 */
export function loadPinnedIssuers(file: string): Map<string, string> {
  // The page names the setting; the English message names the file and the fault, for the log.
  const PINNED = { field: 'registry.pinnedIssuers', params: { field: 'registry.pinnedIssuers' } };
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new AppError(
      'CONFIG_INVALID',
      `registry.pinnedIssuers: cannot read ${file} as JSON (${err instanceof Error ? err.message : String(err)}). Fix the file or remove the setting.`,
      PINNED,
    );
  }
  const parsed = pinnedFile.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new AppError(
      'CONFIG_INVALID',
      `registry.pinnedIssuers: ${file}, entry ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}. Fix the file (a list of { issuerCode, publicKey }, see README, Configuration) or remove the setting.`,
      PINNED,
    );
  }
  return new Map(parsed.data.map((e) => [e.issuerCode, e.publicKey.toLowerCase()]));
}
