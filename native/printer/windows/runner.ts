import { execFile } from 'node:child_process';

export interface CommandResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Injectable so the Windows backend can be tested with a fake on Linux. */
export type CommandRunner = (file: string, args: string[], opts: { timeoutMs: number }) => Promise<CommandResult>;

export const execRunner: CommandRunner = (file, args, opts) =>
  new Promise((resolve) => {
    execFile(
      file,
      args,
      { timeout: opts.timeoutMs, windowsHide: true, maxBuffer: 4 * 1024 * 1024, encoding: 'utf8' },
      (err, stdout, stderr) => {
        const code = err
          ? typeof (err as NodeJS.ErrnoException).code === 'number'
            ? Number((err as NodeJS.ErrnoException).code)
            : 1
          : 0;
        resolve({ code, stdout, stderr: stderr || (err && !stdout ? err.message : '') });
      },
    );
  });

/** A PowerShell single-quoted literal; PowerShell also treats the Unicode single quotes as quotes. */
export function psQuote(s: string): string {
  return `'${s.replace(/['\u2018\u2019\u201a\u201b]/g, (q) => q + q)}'`;
}

/** -EncodedCommand takes UTF-16LE base64, which sidesteps every cmd/argv quoting rule. */
export function powershellArgs(script: string): string[] {
  return [
    '-NoProfile',
    '-NonInteractive',
    '-ExecutionPolicy',
    'Bypass',
    '-EncodedCommand',
    Buffer.from(script, 'utf16le').toString('base64'),
  ];
}

export function decodePowershellArgs(args: string[]): string {
  const i = args.indexOf('-EncodedCommand');
  return i >= 0 && args[i + 1] ? Buffer.from(args[i + 1]!, 'base64').toString('utf16le') : '';
}
