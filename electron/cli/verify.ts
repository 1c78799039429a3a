/**
 * Offline check of a certificate: `npm run verify -- <file.pdf | payload> [--keys trusted-hall-keys.json]`.
 * Without --keys it trusts this terminal's own hall key (data folder: $COUNTER_DATA_DIR or the
 * OS user-data folder) plus <data folder>/trusted-hall-keys.json if present; with --keys exactly
 * that file (as exported from the admin screen). Exit 0 only when valid, 1 for anything else
 * (including usage and key-file errors).
 */
import { existsSync, readFileSync } from 'node:fs';
import { loadConfig } from '../services/config/load';
import {
  CertificateError,
  PAYLOAD_PREFIX,
  verifierTrust,
  verifyDocument,
  type DocumentVerification,
} from '../services/certificates';

const USAGE = 'usage: npm run verify -- <certificate.pdf | CT1.… payload> [--keys <trusted-hall-keys.json>]';

function parseArgs(argv: string[]): { target: string; keys?: string } | undefined {
  let keys: string | undefined;
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--keys') keys = argv[++i] ?? '';
    else if (a.startsWith('--keys=')) keys = a.slice('--keys='.length);
    else if (a === '-h' || a === '--help') return undefined;
    else rest.push(a);
  }
  if (rest.length !== 1 || keys === '') return undefined;
  return { target: rest[0] as string, ...(keys ? { keys } : {}) };
}

/** The hall's display name from the terminal's config, when it can be read (training: the demo hall). */
function hallNames(): Record<string, string> {
  try {
    const { config } = loadConfig();
    return { [config.hall.id]: config.hall.name };
  } catch {
    return {};
  }
}

const LABEL: Record<DocumentVerification['status'], string> = {
  valid: 'VALID 有效',
  tampered: 'TAMPERED 已被篡改',
  'unknown-key': 'UNKNOWN KEY 未知签发密钥',
  malformed: 'MALFORMED 格式错误',
};

function report(r: DocumentVerification): void {
  // A training certificate says so on the first line: a valid signature does not make it a real one.
  console.log(`${LABEL[r.status]}${r.fields?.training ? ' · TRAINING 培训' : ''}`);
  if (r.reason) console.log(`  reason:     ${r.reason}`);
  if (r.hall) console.log(`  hall:       ${r.hall.hallName} (${r.hall.keyId})`);
  const f = r.fields;
  if (f) {
    if (r.status !== 'valid') console.log('  (fields below are NOT vouched for)');
    console.log(`  serial:     ${f.serial}`);
    console.log(`  item:       ${f.itemCode}`);
    console.log(`  holder:     ${f.holderName} ${f.holderId}`);
    console.log(`  issued at:  ${f.issuedAt}`);
    console.log(`  facts SM3:  ${f.factsHash}`);
    console.log(`  key id:     ${f.keyId}`);
    if (f.training) console.log('  TRAINING certificate: not valid as a real certificate');
  }
  if (r.factsMatch !== undefined) console.log(`  facts in PDF match signature: ${r.factsMatch ? 'yes' : 'NO'}`);
}

function main(): number {
  const args = parseArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 1;
  }
  try {
    const { keys: trusted, sources } = verifierTrust({
      ...(args.keys ? { keysFile: args.keys } : {}),
      hallNames: hallNames(),
    });
    const isPayload = args.target.startsWith(PAYLOAD_PREFIX) && !existsSync(args.target);
    if (!isPayload && !existsSync(args.target)) {
      console.error(
        `No such file: ${args.target}. Pass a certificate PDF or the text of its QR code (starts with ${PAYLOAD_PREFIX}).`,
      );
      return 1;
    }
    const result = verifyDocument(isPayload ? args.target : readFileSync(args.target), trusted);
    report(result);
    console.log(`  trusted:    ${sources.join('; ')}`);
    return result.status === 'valid' ? 0 : 1;
  } catch (err) {
    if (err instanceof CertificateError) {
      console.error(`${err.code}: ${err.message}`);
      return 1;
    }
    throw err;
  }
}

process.exitCode = main();
