import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_RESIDENTS, DEFAULT_SEED } from './generator/generate';
import { loadDepartmentRules } from './department/rules';
import { startSandbox } from './server';
import { econFaultsSchema, type EconFaultsInput } from './econ/faults';

const USAGE = `Sandbox registry (synthetic data; never a real registry)
  npm run sandbox -- [--port N] [--seed S] [--residents K] [--today YYYY-MM-DD]
                     [--app-key K --app-secret S --admin-secret A]
                     [--latency MS] [--error-rate 0..1] [--down] [--truncate] [--non-json]
                     [--oversize BYTES] [--broken-signature] [--unknown-issuer]
                     [--department-rules FILE] [--department-down] [--department-latency MS] [--department-error-rate 0..1]
                     [--econ-down SRC,SRC] [--econ-latency MS] [--econ-broken SRC,SRC]   (SRC: housing_fund property vehicle social_security business tax deposit)
                     [--presign all|TYPE,TYPE]   (sign licenses before serving, as a registry holds them)
                     [--write-demo FILE]
Credentials also come from SANDBOX_APP_KEY, SANDBOX_APP_SECRET, SANDBOX_ADMIN_SECRET.
Defaults: port 0 (free port), seed "${DEFAULT_SEED}", ${DEFAULT_RESIDENTS} residents, today in China, training credentials.`;

function num(v: string | undefined, name: string): number | undefined {
  if (v === undefined) return undefined;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`--${name} must be a number, got "${v}"`);
  return n;
}

/** --econ-down tax,vehicle --econ-broken deposit --econ-latency 50: per-source switches (sandbox/econ/faults.ts). */
function econFlags(down?: string, broken?: string, latencyMs?: number): EconFaultsInput {
  const sources: Record<string, { down?: boolean; brokenSignature?: boolean }> = {};
  for (const k of down?.split(',').filter(Boolean) ?? []) sources[k] = { ...sources[k], down: true };
  for (const k of broken?.split(',').filter(Boolean) ?? []) sources[k] = { ...sources[k], brokenSignature: true };
  return econFaultsSchema.parse({ latencyMs: latencyMs ?? 0, sources });
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      seed: { type: 'string' },
      residents: { type: 'string' },
      today: { type: 'string' },
      'app-key': { type: 'string' },
      'app-secret': { type: 'string' },
      'admin-secret': { type: 'string' },
      latency: { type: 'string' },
      'error-rate': { type: 'string' },
      down: { type: 'boolean' },
      truncate: { type: 'boolean' },
      'non-json': { type: 'boolean' },
      oversize: { type: 'string' },
      'broken-signature': { type: 'boolean' },
      'unknown-issuer': { type: 'boolean' },
      'write-demo': { type: 'string' },
      presign: { type: 'string' },
      'department-rules': { type: 'string' },
      'department-down': { type: 'boolean' },
      'department-latency': { type: 'string' },
      'department-error-rate': { type: 'string' },
      'econ-down': { type: 'string' },
      'econ-latency': { type: 'string' },
      'econ-broken': { type: 'string' },
      help: { type: 'boolean' },
    },
  });
  if (values.help) return void console.log(USAGE);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today))
    throw new Error('--today must be YYYY-MM-DD');
  const presign =
    values.presign === undefined ? undefined : values.presign === 'all' ? 'all' : values.presign.split(',');
  if (Array.isArray(presign) && (presign.length === 0 || presign.some((t) => !/^\d{6}$/.test(t))))
    throw new Error('--presign takes "all" or license type codes such as 111002,116003');
  const started = Date.now();
  const sandbox = await startSandbox({
    port: num(values.port, 'port'),
    seed: values.seed,
    residents: num(values.residents, 'residents'),
    today: values.today,
    appKey: values['app-key'] ?? process.env.SANDBOX_APP_KEY,
    appSecret: values['app-secret'] ?? process.env.SANDBOX_APP_SECRET,
    adminSecret: values['admin-secret'] ?? process.env.SANDBOX_ADMIN_SECRET,
    faults: {
      latencyMs: num(values.latency, 'latency') ?? 0,
      errorRate: num(values['error-rate'], 'error-rate') ?? 0,
      down: values.down ?? false,
      truncate: values.truncate ?? false,
      nonJson: values['non-json'] ?? false,
      oversizeBytes: num(values.oversize, 'oversize') ?? 0,
      brokenSignature: values['broken-signature'] ?? false,
      unknownIssuer: values['unknown-issuer'] ?? false,
    },
    ...(presign ? { presign } : {}),
    econFaults: econFlags(values['econ-down'], values['econ-broken'], num(values['econ-latency'], 'econ-latency')),
    department: {
      rules: loadDepartmentRules(values['department-rules']),
      faults: {
        down: values['department-down'] ?? false,
        latencyMs: num(values['department-latency'], 'department-latency') ?? 0,
        errorRate: num(values['department-error-rate'], 'department-error-rate') ?? 0,
      },
    },
  });
  if (values['write-demo']) {
    writeFileSync(values['write-demo'], `${JSON.stringify(sandbox.demoResidents(), null, 2)}\n`);
  }
  const w = sandbox.data.world;
  console.error(
    `[sandbox] ${w.residents.length} residents, ${w.households.length} households, ${w.properties.length} property certificates; seed "${w.seed}", reference date ${w.today}; built${presign ? ' and signed' : ''} in ${Date.now() - started} ms`,
  );
  // Training mode and tests wait for exactly this line.
  console.log(`Sandbox registry ready: ${sandbox.url}`);
  const stop = (): void => void sandbox.close().then(() => process.exit(0));
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  // Started by a terminal as its training registry: leave when the terminal goes, however it went.
  if (process.env.SANDBOX_EXIT_WITH_STDIN === '1') {
    process.stdin.on('end', stop);
    process.stdin.on('close', stop);
    process.stdin.resume();
  }
}

main().catch((e: unknown) => {
  console.error(`[sandbox] could not start: ${e instanceof Error ? e.message : String(e)}`);
  console.error(USAGE);
  process.exit(1);
});
