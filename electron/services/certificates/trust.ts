import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { defaultDataDir } from '../config/load';
import { CertificateError } from './errors';
import { readTrustedKeys, type TrustedHallKey } from './qr/keys';

/**
 * Which hall keys a verifier trusts, and how keys reach it:
 * - on the terminal itself, its own hall key(s) under <dataDir>/keys are trusted with no set-up
 *   (a training certificate printed here verifies here);
 * - <dataDir>/trusted-hall-keys.json adds other halls' keys, if present;
 * - `--keys FILE` (a file an administrator exported with cert.exportHallKey, or several merged)
 *   replaces both: a verifier elsewhere trusts exactly what it was handed.
 */
export interface VerifierTrust {
  keys: TrustedHallKey[];
  /** Where each came from, for the report. */
  sources: string[];
}

const publicHalf = z.object({
  keyId: z.string().min(1),
  hallId: z.string().min(1),
  publicKey: z.string().regex(/^04[0-9a-f]{128}$/i),
});

/** The public halves of the hall keys this terminal signs with (never the private key). */
export function ownHallKeys(dataDir: string, hallNames: Record<string, string> = {}): TrustedHallKey[] {
  const dir = join(dataDir, 'keys');
  if (!existsSync(dir)) return [];
  const out: TrustedHallKey[] = [];
  for (const f of readdirSync(dir)
    .filter((n) => /^hall-key-.+\.json$/.test(n))
    .sort()) {
    let k: z.infer<typeof publicHalf>;
    try {
      k = publicHalf.parse(JSON.parse(readFileSync(join(dir, f), 'utf8')));
    } catch (cause) {
      throw new CertificateError(
        'CERT_KEY_FILE_INVALID',
        `Hall key file ${join(dir, f)} is damaged (${(cause as Error).message}); pass --keys with the hall's exported key instead.`,
        { cause },
      );
    }
    out.push({ keyId: k.keyId, publicKey: k.publicKey, hallName: hallNames[k.hallId] ?? k.hallId });
  }
  return out;
}

export function verifierTrust(
  opts: { keysFile?: string; env?: NodeJS.ProcessEnv; hallNames?: Record<string, string> } = {},
): VerifierTrust {
  if (opts.keysFile) return { keys: readTrustedKeys(opts.keysFile), sources: [opts.keysFile] };
  const env = opts.env ?? process.env;
  const dataDir = env.COUNTER_DATA_DIR || defaultDataDir(env);
  const own = ownHallKeys(dataDir, opts.hallNames);
  const file = join(dataDir, 'trusted-hall-keys.json');
  const others = existsSync(file) ? readTrustedKeys(file) : [];
  const keys = [...own, ...others.filter((o) => !own.some((k) => k.keyId === o.keyId))];
  if (keys.length === 0) {
    throw new CertificateError(
      'CERT_TRUSTED_KEYS_INVALID',
      `No trusted hall keys: this is not a terminal (no hall key in ${join(dataDir, 'keys')}) and there is no ${file}. Ask the hall's administrator for its exported key file (admin screen: "Export hall key") and pass --keys <file>.`,
    );
  }
  return {
    keys,
    sources: [
      ...(own.length ? [`this terminal's hall key (${join(dataDir, 'keys')})`] : []),
      ...(others.length ? [file] : []),
    ],
  };
}

/** The file an administrator hands to verifiers: the same format readTrustedKeys and --keys take. */
export function hallKeyExport(key: TrustedHallKey): {
  filename: string;
  content: string;
  keyId: string;
  hallName: string;
} {
  return {
    filename: `trusted-hall-keys-${key.keyId}.json`,
    content: `${JSON.stringify([{ keyId: key.keyId, publicKey: key.publicKey, hallName: key.hallName }], null, 2)}\n`,
    keyId: key.keyId,
    hallName: key.hallName,
  };
}
