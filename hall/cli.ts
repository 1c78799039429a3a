import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { newPairingCode, revoke, setTerminalArea, terminalsWithoutArea } from './auth';
import { startEmbedded } from './db/embedded';
import { startHall } from './server';

/**
 * `npm run hall [-- --revoke <terminalId>] [-- --area <station area>] [-- --set-area <terminalId> <area>]`. DATABASE_URL points at the production PostgreSQL;
 * without it an embedded PostgreSQL runs with its data in HALL_DATA_DIR (default ./hall-data).
 * Prints "Hall server ready: <url>" and a one-time pairing code.
 */
async function main(): Promise<void> {
  const dataDir = resolve(process.env.HALL_DATA_DIR ?? 'hall-data');
  await mkdir(dataDir, { recursive: true });
  const keyFile = join(dataDir, 'data-key');
  // The data key stays beside the hall, never in PostgreSQL: a database dump alone opens nothing.
  if (!existsSync(keyFile)) await writeFile(keyFile, randomBytes(32).toString('hex'), { mode: 0o600 });
  const dataKey = Buffer.from((await readFile(keyFile, 'utf8')).trim(), 'hex');
  const embedded = process.env.DATABASE_URL ? null : await startEmbedded(dataDir);
  const hall = await startHall({
    databaseUrl: process.env.DATABASE_URL || embedded!.url,
    dataKey,
    port: Number(process.env.HALL_PORT ?? 0),
  });
  const stop = async () => {
    await hall.close().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
  // A terminal's training child: its parent's death (even SIGKILL) closes stdin, and the hall stops PostgreSQL.
  if (process.env.HALL_EXIT_WITH_STDIN === '1') {
    process.stdin.on('end', () => void stop());
    process.stdin.resume();
  }
  const i = process.argv.indexOf('--revoke');
  if (i > 0) {
    console.log((await revoke(hall.pool, process.argv[i + 1] ?? '')) ? 'revoked' : 'no such active terminal');
    return stop();
  }
  const sa = process.argv.indexOf('--set-area');
  if (sa > 0) {
    const [id, area] = [process.argv[sa + 1] ?? '', process.argv[sa + 2] ?? ''];
    const said = {
      set: `terminal ${id} now serves station ${area}`,
      'has-area': `terminal ${id} already has a station; to move it, revoke it (--revoke) and pair it again`,
      'no-such-terminal': `no active terminal ${id}`,
    };
    console.log(
      await setTerminalArea(hall.pool, id, area).then(
        (r) => said[r],
        (e: Error) => e.message,
      ),
    );
    return stop();
  }
  console.log(`Hall server ready: ${hall.url}`);
  // `--area <code>`: the code pairs only a terminal of that station (its config station.area).
  const a = process.argv.indexOf('--area');
  const area = a > 0 ? process.argv[a + 1] : undefined;
  console.log(
    `Pairing code (one use, 10 min${area ? `, station ${area}` : ''}): ${await newPairingCode(hall.pool, area)}`,
  );
  // Terminals paired before stations were fixed at pairing share no worklist: say so where the admin looks.
  for (const t of await terminalsWithoutArea(hall.pool))
    console.log(
      `Terminal ${t.id} (${t.name}) has no station area and shares no worklist: npm run hall -- --set-area ${t.id} <area>`,
    );
}

main().catch((e: unknown) => {
  console.error('hall server failed to start:', (e as Error).message);
  process.exit(1);
});
