import { psQuote } from './runner';

/**
 * PowerShell scripts for the Windows spooler. Each prints one JSON object on stdout; failures
 * are caught and reported as {"error": kind, "message": ...} so the caller never parses prose.
 */
const PRELUDE = `$ErrorActionPreference = 'Stop'
$ProgressPreference = 'SilentlyContinue'
[Console]::OutputEncoding = [Text.Encoding]::UTF8
function Out-Json($o) { $o | ConvertTo-Json -Compress -Depth 4 }
function Fail($e) {
  $svc = Get-Service -Name Spooler -ErrorAction SilentlyContinue
  if (-not $svc -or $svc.Status -ne 'Running') { Out-Json @{ error = 'spooler'; message = "$e" }; exit 0 }
  $kind = if ($e.CategoryInfo.Category -eq 'ObjectNotFound') { 'not-found' } else { 'other' }
  Out-Json @{ error = $kind; message = "$e" }; exit 0
}
function PrinterObj($p, $def) {
  [pscustomobject]@{ Name = $p.Name; Status = $p.PrinterStatus.ToString(); Comment = $p.Comment; Location = $p.Location;
    Driver = $p.DriverName; IsDefault = ($p.Name -eq $def); Jobs = $p.JobCount }
}
`;

const wrap = (body: string) => `${PRELUDE}try {\n${body}\n} catch { Fail $_ }\n`;

export const spoolerScript = () => wrap(`Out-Json @{ status = (Get-Service -Name Spooler).Status.ToString() }`);

export const listScript = () =>
  wrap(`$def = (Get-CimInstance -ClassName Win32_Printer -Filter 'Default=TRUE' | Select-Object -First 1).Name
Out-Json @{ printers = @(Get-Printer | ForEach-Object { PrinterObj $_ $def }) }`);

export interface PdfCommand {
  /** SumatraPDF (recommended, silent) or the shell PrintTo verb of the installed PDF reader. */
  kind: 'sumatra' | 'shell';
  /** Full path to SumatraPDF.exe when kind is 'sumatra'. */
  path?: string;
}

export function submitScript(o: {
  printer: string;
  file: string;
  token: string;
  copies: number;
  paper?: string;
  pdf: PdfCommand;
  waitMs: number;
}): string {
  const launch =
    o.pdf.kind === 'sumatra'
      ? `$settings = ${psQuote([`${o.copies}x`, 'noscale', ...(o.paper ? [`paper=${o.paper}`] : [])].join(','))}
$proc = Start-Process -FilePath ${psQuote(o.pdf.path ?? 'SumatraPDF.exe')} -ArgumentList @('-print-to', ('"' + $p + '"'), '-print-settings', $settings, '-silent', '-exit-on-print', ('"' + $f + '"')) -PassThru -WindowStyle Hidden`
      : `$proc = Start-Process -FilePath $f -Verb PrintTo -ArgumentList ('"' + $p + '"') -PassThru -WindowStyle Hidden`;
  return wrap(`$p = ${psQuote(o.printer)}
$f = ${psQuote(o.file)}
$token = ${psQuote(o.token)}
$null = Get-Printer -Name $p
${launch}
$deadline = (Get-Date).AddMilliseconds(${Math.round(o.waitMs)})
while ((Get-Date) -lt $deadline) {
  $j = Get-PrintJob -PrinterName $p | Where-Object { $_.DocumentName -like "*$token*" } | Select-Object -First 1
  if ($j) { Out-Json @{ jobId = [string]$j.Id }; exit 0 }
  if ($proc.HasExited -and $proc.ExitCode -ne 0) { Out-Json @{ error = 'print-command'; message = "PDF print command exited with $($proc.ExitCode)" }; exit 0 }
  Start-Sleep -Milliseconds 100
}
Out-Json @{ jobId = ''; unseen = $true }`);
}

export function jobScript(printer: string, jobId: string): string {
  return wrap(`$p = ${psQuote(printer)}
$def = $null
$pr = PrinterObj (Get-Printer -Name $p) $def
$j = Get-PrintJob -PrinterName $p | Where-Object { [string]$_.Id -eq ${psQuote(jobId)} } | Select-Object -First 1
$job = if ($j) { @{ Id = [string]$j.Id; Status = $j.JobStatus.ToString(); Document = $j.DocumentName } } else { $null }
Out-Json @{ job = $job; printer = $pr }`);
}

/** Jobs on every printer whose document name carries `marker` (the title part of the staged file name). */
export function findJobsScript(marker: string): string {
  return wrap(`$m = ${psQuote(marker)}
$jobs = @(Get-Printer | ForEach-Object { $pn = $_.Name; Get-PrintJob -PrinterName $pn | Where-Object { $_.DocumentName -like "*$m*" } |
  ForEach-Object { @{ Id = [string]$_.Id; Printer = $pn; Document = $_.DocumentName; Status = $_.JobStatus.ToString() } } })
Out-Json @{ jobs = $jobs }`);
}

export function cancelScript(printer: string, jobId: string): string {
  return wrap(`$j = Get-PrintJob -PrinterName ${psQuote(printer)} | Where-Object { [string]$_.Id -eq ${psQuote(jobId)} }
if ($j) { $j | Remove-PrintJob }
Out-Json @{ ok = $true }`);
}
