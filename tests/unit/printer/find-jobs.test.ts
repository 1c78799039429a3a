import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { findAtSpooler } from '../../../electron/services/cases';
import { VirtualBackend, VIRTUAL_PRINTER_NAME, WindowsBackend, type JobSummary } from '../../../native/printer';
import { decodePowershellArgs, type CommandRunner } from '../../../native/printer/windows/runner';
import { makeTestPdf } from '../../helpers/printer/pdf';

const dir = mkdtempSync(join(tmpdir(), 'counter-find-jobs-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const job = (jobId: string, state: JobSummary['state']): JobSummary => ({ jobId, printer: 'P', name: 'S-1', state });
const spooler = (jobs: JobSummary[]) => ({ findJobs: async () => jobs });

describe('finding a certificate at the spooler by its serial', () => {
  it('nothing, or only cancelled/aborted jobs: it may be sent again', async () => {
    expect(await findAtSpooler(spooler([]), 'S-1')).toEqual({ duplicates: [] });
    expect(await findAtSpooler(spooler([job('3', 'canceled'), job('4', 'aborted')]), 'S-1')).toEqual({
      duplicates: [],
    });
  });

  it('a held job is followed (the newest), older held copies are duplicates to cancel', async () => {
    const f = await findAtSpooler(spooler([job('9', 'held'), job('12', 'pending'), job('10', 'canceled')]), 'S-1');
    expect(f.waiting?.jobId).toBe('12');
    expect(f.duplicates.map((j) => j.jobId)).toEqual(['9']);
  });

  it('a printed job wins: the case is done and every held copy is a duplicate', async () => {
    const f = await findAtSpooler(spooler([job('5', 'completed'), job('6', 'processing-stopped')]), 'S-1');
    expect(f.printed?.jobId).toBe('5');
    expect(f.waiting).toBeUndefined();
    expect(f.duplicates.map((j) => j.jobId)).toEqual(['6']);
  });

  it('the virtual printer finds stored PDFs by title after a restart (a new instance), and only exact titles', async () => {
    const a = new VirtualBackend({ dir });
    const pdf = await makeTestPdf();
    await a.submit({ printer: VIRTUAL_PRINTER_NAME, title: 'H1-C1-2026-000001', pdf });
    await a.submit({ printer: VIRTUAL_PRINTER_NAME, title: 'H1-C1-2026-000001 补打', pdf });
    await a.submit({ printer: VIRTUAL_PRINTER_NAME, title: 'H1-C1-2026-000010', pdf });
    const b = new VirtualBackend({ dir });
    const found = await b.findJobs('H1-C1-2026-000001');
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ printer: VIRTUAL_PRINTER_NAME, state: 'completed' });
    expect(await new VirtualBackend({ dir: join(dir, 'none') }).findJobs('x')).toEqual([]);
  });

  it('Windows: the staged file name carries the title, and findJobs asks every printer for it', async () => {
    const scripts: string[] = [];
    const runner: CommandRunner = async (_f, args) => {
      const s = decodePowershellArgs(args);
      scripts.push(s);
      if (s.includes('Get-Printer | ForEach-Object')) {
        return {
          code: 0,
          stderr: '',
          stdout: JSON.stringify({
            jobs: [
              { Id: '7', Printer: 'HP 柜台', Document: 'H1-C1-2026-000001~counter-abc.pdf', Status: 'Paused' },
              { Id: '8', Printer: 'HP 柜台', Document: 'H1-C1-2026-000001~counter-def.pdf', Status: 'Printed' },
            ],
          }),
        };
      }
      return { code: 0, stderr: '', stdout: JSON.stringify({ jobId: '7' }) };
    };
    const w = new WindowsBackend({ runner, stagingDir: dir });
    await w.submit({ printer: 'HP 柜台', title: 'H1-C1-2026-000001', pdf: await makeTestPdf() });
    expect(scripts[0]).toContain('H1-C1-2026-000001~counter-');
    const found = await w.findJobs('H1-C1-2026-000001');
    expect(scripts[1]).toContain("$m = 'H1-C1-2026-000001~'");
    expect(found).toEqual([
      { jobId: '7', printer: 'HP 柜台', name: 'H1-C1-2026-000001~counter-abc.pdf', state: 'held' },
      { jobId: '8', printer: 'HP 柜台', name: 'H1-C1-2026-000001~counter-def.pdf', state: 'completed' },
    ]);
  });
});
