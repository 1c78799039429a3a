import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { readAuditPublicKey, verifyChain } from '../services/audit';
import { defaultDataDir } from '../services/config/load';
import { openDatabase } from '../services/db/open';

const USAGE = `usage: npm run audit -- verify [--data-dir DIR] [--public-key HEX]
       npm run audit -- key [--data-dir DIR]

verify  checks the audit chain of the terminal's database; exit 0 when intact, 1 when broken
key     prints the terminal's audit public key (record it off the terminal; pass it to verify later)`;

/** Runs the command and returns the exit code; output goes through `out` so tests can capture it. */
export function runAuditCli(argv: string[], env: NodeJS.ProcessEnv, out: (line: string) => void): number {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { 'data-dir': { type: 'string' }, 'public-key': { type: 'string' }, help: { type: 'boolean' } },
  });
  const cmd = positionals[0];
  if (values.help || (cmd !== 'verify' && cmd !== 'key')) {
    out(USAGE);
    return values.help ? 0 : 2;
  }
  const dir = values['data-dir'] ?? (env.COUNTER_DATA_DIR || defaultDataDir(env));
  const trusted = values['public-key'] ?? readAuditPublicKey(dir);
  if (cmd === 'key') {
    out(trusted ?? `no audit signing key in ${dir}`);
    return trusted ? 0 : 1;
  }
  const file = join(dir, 'counter.db');
  if (!existsSync(file)) {
    out(`no database at ${file}; pass --data-dir`);
    return 2;
  }
  const db = openDatabase(file, { readonly: true });
  try {
    const r = verifyChain(db, trusted);
    if (r.ok) {
      const signed = r.checkpoints
        ? `, signed through ${r.signedThrough}${r.keyTrusted ? '' : ' (no trusted key: signatures only self-consistent)'}`
        : ', no signed checkpoint yet';
      out(`intact (${r.entries} entries${signed})`);
      return 0;
    }
    out(`broken at seq ${r.seq}: ${r.reason}`);
    return 1;
  } finally {
    db.close();
  }
}

// Run only as a script, so tests can import runAuditCli.
if (require.main === module) {
  try {
    process.exitCode = runAuditCli(process.argv.slice(2), process.env, (l) => console.log(l));
  } catch (err) {
    const code = err && typeof err === 'object' && 'code' in err ? ` [${String((err as { code: unknown }).code)}]` : '';
    console.error(`audit${code}: ${err instanceof Error ? err.message : String(err)}`);
    process.exitCode = 2;
  }
}
