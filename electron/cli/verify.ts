/**
 * Offline check of a certificate: `npm run verify -- <file.pdf | payload> [--keys trusted-hall-keys.json]`.
 * Trusted keys default to $COUNTER_DATA_DIR/trusted-hall-keys.json. Exit 0 only when valid, 1 for anything else (including usage and key-file errors).
 */
import { existsSync, readFileSync } from 'node:fs';
import {
  CertificateError,
  defaultTrustedKeysPath,
  PAYLOAD_PREFIX,
  readTrustedKeys,
  verifyDocument,
  type DocumentVerification,
} from '../services/certificates';

const USAGE = 'usage: npm run verify -- <certificate.pdf | CT1.… payload> [--keys <trusted-hall-keys.json>]';

function parseArgs(argv: string[]): { target: string; keys: string } | undefined {
  let keys = defaultTrustedKeysPath();
  const rest: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i] as string;
    if (a === '--keys') keys = argv[++i] ?? '';
    else if (a.startsWith('--keys=')) keys = a.slice('--keys='.length);
    else if (a === '-h' || a === '--help') return undefined;
    else rest.push(a);
  }
  if (rest.length !== 1 || !keys) return undefined;
  return { target: rest[0] as string, keys };
}

const LABEL: Record<DocumentVerification['status'], string> = {
  valid: 'VALID 有效',
  tampered: 'TAMPERED 已被篡改',
  'unknown-key': 'UNKNOWN KEY 未知签发密钥',
  malformed: 'MALFORMED 格式错误',
};

function report(r: DocumentVerification): void {
  console.log(`${LABEL[r.status]}`);
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
    const trusted = readTrustedKeys(args.keys);
    const isPayload = args.target.startsWith(PAYLOAD_PREFIX) && !existsSync(args.target);
    if (!isPayload && !existsSync(args.target)) {
      console.error(`No such file: ${args.target}. Pass a certificate PDF or the text of its QR code (starts with ${PAYLOAD_PREFIX}).`);
      return 1;
    }
    const result = verifyDocument(isPayload ? args.target : readFileSync(args.target), trusted);
    report(result);
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
