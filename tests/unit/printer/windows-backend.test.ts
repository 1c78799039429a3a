import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { WindowsBackend } from '../../../native/printer/windows/backend';
import { decodePowershellArgs, psQuote, type CommandRunner } from '../../../native/printer/windows/runner';
import { toJobState } from '../../../native/printer/windows/parse';
import { makeTestPdf } from '../../helpers/printer/pdf';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Fake runner: records each decoded script and answers with the next canned stdout. */
function fake(answers: (string | ((script: string) => string))[]) {
  const scripts: string[] = [];
  const files: string[] = [];
  const runner: CommandRunner = async (file, args) => {
    files.push(file);
    const script = decodePowershellArgs(args);
    scripts.push(script);
    const a = answers.shift();
    const stdout = typeof a === 'function' ? a(script) : (a ?? '');
    return { code: 0, stdout, stderr: '' };
  };
  return { runner, scripts, files };
}

const printersJson = JSON.stringify({
  printers: [
    {
      Name: 'HP LaserJet 柜台',
      Status: 'Normal',
      Comment: null,
      Location: '1号窗口',
      Driver: 'HP Universal',
      IsDefault: true,
      Jobs: 0,
    },
    {
      Name: 'Card',
      Status: 'PaperOut, Offline',
      Comment: '',
      Location: '',
      Driver: 'Evolis',
      IsDefault: false,
      Jobs: 2,
    },
    { Name: 'Paused one', Status: 'Paused', IsDefault: false },
  ],
});

const staging = mkdtempSync(join(tmpdir(), 'counter-win-test-'));
afterAll(() => rmSync(staging, { recursive: true, force: true }));

describe('Windows backend (fake PowerShell)', () => {
  it('quotes PowerShell literals, including Unicode single quotes', () => {
    expect(psQuote("O'Brien")).toBe("'O''Brien'");
    expect(psQuote('a\u2019b')).toBe("'a\u2019\u2019b'");
  });

  it('lists printers and maps PrinterStatus flags to IPP reasons', async () => {
    const f = fake(['WARNING: something\r\n' + printersJson]);
    const list = await new WindowsBackend({ runner: f.runner }).listPrinters();
    expect(f.files[0]).toBe('powershell.exe');
    expect(f.scripts[0]).toContain('Get-Printer');
    expect(f.scripts[0]).toContain("Win32_Printer -Filter 'Default=TRUE'");
    expect(list[0]).toMatchObject({
      name: 'HP LaserJet 柜台',
      isDefault: true,
      state: 'idle',
      reasons: [],
      location: '1号窗口',
    });
    expect(list[1]).toMatchObject({ name: 'Card', reasons: ['media-empty-error', 'offline-error'] });
    expect(list[2]).toMatchObject({ state: 'stopped', reasons: ['paused'] });
  });

  it('submits through the PDF command and finds the job id by the staged file token', async () => {
    const f = fake([JSON.stringify({ jobId: '42' })]);
    const b = new WindowsBackend({
      runner: f.runner,
      pdfCommand: { kind: 'sumatra', path: 'C:\\Tools\\SumatraPDF.exe' },
      stagingDir: staging,
    });
    const res = await b.submit({
      printer: "Bob's Printer",
      title: 't',
      pdf: await makeTestPdf(),
      copies: 2,
      media: 'A4',
    });
    expect(res).toEqual({ jobId: '42', printer: "Bob's Printer" });
    const s = f.scripts[0]!;
    expect(s).toContain("$p = 'Bob''s Printer'");
    expect(s).toContain("'C:\\Tools\\SumatraPDF.exe'");
    expect(s).toContain("'2x,noscale,paper=A4'");
    const token = /\$token = '(counter-[0-9a-f-]+)'/.exec(s)?.[1];
    expect(token).toBeTruthy();
    expect(s).toContain(`${token}.pdf`);
    expect(s).toContain('Get-PrintJob -PrinterName $p');
  });

  it('a job not seen in the queue is tracked by token and counts as printed', async () => {
    const f = fake([JSON.stringify({ jobId: '', unseen: true }), printersJson]);
    const b = new WindowsBackend({ runner: f.runner, stagingDir: staging });
    const res = await b.submit({ printer: 'Card', title: 't', pdf: await makeTestPdf() });
    expect(res.jobId).toMatch(/^doc:counter-/);
    expect(f.scripts[0]).toContain('-Verb PrintTo');
    expect(await b.getJob('Card', res.jobId)).toMatchObject({ state: 'completed', printer: { name: 'Card' } });
  });

  it('reads job status flags and the printer with them', async () => {
    const f = fake([
      JSON.stringify({
        job: { Id: '42', Status: 'Error, Printing, PaperOut', Document: 'counter-x.pdf' },
        printer: { Name: 'Card', Status: 'PaperOut' },
      }),
    ]);
    const snap = await new WindowsBackend({ runner: f.runner }).getJob('Card', '42');
    expect(f.scripts[0]).toContain("[string]$_.Id -eq '42'");
    expect(snap).toMatchObject({
      state: 'processing-stopped',
      reasons: ['media-empty-error', 'other-error'],
      printer: { reasons: ['media-empty-error'] },
    });
  });

  it('maps JobStatus flags', () => {
    expect(toJobState('Printing, Retained')).toEqual({ state: 'processing', reasons: [] });
    expect(toJobState('Printed, Retained').state).toBe('completed');
    expect(toJobState('Deleting').state).toBe('canceled');
    expect(toJobState('Paused').state).toBe('held');
    expect(toJobState('Offline')).toEqual({ state: 'processing-stopped', reasons: ['offline-error'] });
    expect(toJobState('').state).toBe('pending');
  });

  it('turns the script error envelope into typed errors', async () => {
    const spooler = fake([JSON.stringify({ error: 'spooler', message: 'The spooler service is not reachable.' })]);
    await expect(new WindowsBackend({ runner: spooler.runner }).listPrinters()).rejects.toMatchObject({
      code: 'SPOOLER_DOWN',
    });
    const missing = fake([JSON.stringify({ error: 'not-found', message: 'No MSFT_Printer objects found' })]);
    await expect(new WindowsBackend({ runner: missing.runner }).getJob('Nope', '1')).rejects.toMatchObject({
      code: 'PRINTER_NOT_FOUND',
    });
    const garbage = fake(['not json at all']);
    await expect(new WindowsBackend({ runner: garbage.runner }).listPrinters()).rejects.toMatchObject({
      code: 'UNKNOWN',
    });
    const stopped = fake([JSON.stringify({ status: 'Stopped' })]);
    await expect(new WindowsBackend({ runner: stopped.runner }).checkSpooler()).rejects.toMatchObject({
      code: 'SPOOLER_DOWN',
    });
  });

  it('a runner that cannot start PowerShell means the spooler is unusable', async () => {
    const runner: CommandRunner = async () => {
      throw Object.assign(new Error('spawn powershell.exe ENOENT'), { code: 'ENOENT' });
    };
    await expect(new WindowsBackend({ runner }).listPrinters()).rejects.toMatchObject({ code: 'SPOOLER_DOWN' });
  });

  it('cancel removes the job by id', async () => {
    const f = fake([JSON.stringify({ ok: true })]);
    await new WindowsBackend({ runner: f.runner }).cancel('Card', '7');
    expect(f.scripts[0]).toContain("Get-PrintJob -PrinterName 'Card'");
    expect(f.scripts[0]).toContain('Remove-PrintJob');
  });
});
