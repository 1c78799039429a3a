import Database from 'better-sqlite3';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runAuditCli } from '../../../electron/cli/audit';
import { appendAudit } from '../../../electron/services/audit';
import { makeCore } from '../../helpers/core';

/**
 * An attacker with the database file drops the append-only triggers and edits, deletes or
 * reorders rows; `audit verify` must name the first broken entry each time.
 */
let pristine: string;
beforeAll(async () => {
  const f = await makeCore();
  for (let i = 1; i <= 30; i++)
    appendAudit(f.core.db, {
      action: i % 2 ? 'registry-fetch' : 'print',
      actor: `clerk${i % 3}`,
      caseId: `case-${i}`,
      purpose: 'household check',
    });
  await f.core.close(); // appends 'shutdown' and signs the head
  pristine = f.dir;
});

function copy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'counter-tamper-'));
  cpSync(pristine, dir, { recursive: true });
  return dir;
}

function attack(dir: string, sql: string): void {
  const db = new Database(join(dir, 'counter.db'));
  db.exec(
    'DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; DROP TRIGGER audit_log_append_only_insert; DROP TRIGGER audit_checkpoint_no_delete;',
  );
  db.exec(sql);
  db.close();
}

function verify(dir: string): { code: number; out: string } {
  const lines: string[] = [];
  const code = runAuditCli(['verify', '--data-dir', dir], {}, (l) => lines.push(l));
  return { code, out: lines.join('\n') };
}

describe('audit verify finds tampering', () => {
  it('an untouched log is intact', () => {
    expect(verify(copy())).toEqual({
      code: 0,
      out: expect.stringMatching(/^intact \(\d+ entries, signed through \d+\)$/),
    });
  });

  it.each([
    ['an edited actor', "UPDATE audit_log SET actor = 'nobody' WHERE seq = 12", 12, /edited/],
    [
      'an edited purpose with its hash recomputed naively',
      "UPDATE audit_log SET purpose = 'x', hash = 'f' || substr(hash, 2) WHERE seq = 7",
      7,
      /edited/,
    ],
    ['a deleted row', 'DELETE FROM audit_log WHERE seq = 15', 16, /missing/],
    [
      'two rows swapped',
      'UPDATE audit_log SET seq = -1 WHERE seq = 20; UPDATE audit_log SET seq = 20 WHERE seq = 21; UPDATE audit_log SET seq = 21 WHERE seq = -1;',
      20,
      /broken|edited/,
    ],
    ['the tail cut off (checkpoint survives)', 'DELETE FROM audit_log WHERE seq > 25', null, /removed from the end/],
    [
      'the tail and its checkpoints cut off',
      'DELETE FROM audit_log WHERE seq > 25; DELETE FROM audit_checkpoint WHERE seq > 25',
      null,
      null,
    ],
  ])('%s', (_what, sql, seq, why) => {
    const dir = copy();
    attack(dir, sql);
    const r = verify(dir);
    if (why === null) {
      // Known limit, documented in SECURITY.md: with every checkpoint after the cut also removed,
      // only the count recorded off the terminal (or an earlier export) reveals the loss.
      expect(r.code).toBe(0);
      expect(r.out).toMatch(/intact \(25 entries/);
      return;
    }
    expect(r.code).toBe(1);
    expect(r.out).toMatch(why);
    if (seq !== null) expect(r.out).toMatch(new RegExp(`^broken at seq ${seq}:`));
  });

  it('npm run audit -- verify prints the result and exits 0 / 1 (real process)', () => {
    const cli = resolve(__dirname, '../../../electron/cli/audit.ts');
    const tsx = resolve(__dirname, '../../../node_modules/.bin/tsx');
    const good = execFileSync(tsx, [cli, 'verify', '--data-dir', copy()], { encoding: 'utf8' });
    expect(good.trim()).toMatch(/^intact \(31 entries/);
    const bad = copy();
    attack(bad, "UPDATE audit_log SET action = 'nothing' WHERE seq = 3");
    const r = spawnSync(tsx, [cli, 'verify', '--data-dir', bad], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stdout.trim()).toBe('broken at seq 3: its content does not match its hash (the entry was edited)');
  });
});
