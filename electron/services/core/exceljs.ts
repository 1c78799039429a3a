import type ExcelJSModule from 'exceljs';

/**
 * exceljs, loaded on first use. Requiring it costs about 27 MB of memory and start-up time, and
 * most terminals never read or write a spreadsheet; a batch run over a CSV list then carries none
 * of it (the batch memory figure is measured over a CSV).
 */
let loaded: Promise<typeof ExcelJSModule> | undefined;
export function excel(): Promise<typeof ExcelJSModule> {
  return (loaded ??= import('exceljs').then(
    (m) => ((m as { default?: typeof ExcelJSModule }).default ?? m) as typeof ExcelJSModule,
  ));
}
