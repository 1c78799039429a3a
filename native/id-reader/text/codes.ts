import { z } from 'zod';
import { loadResource } from '../resources';

/** A coded value as printed on the card (label) and in English (labelEn). */
export interface CodeLabel {
  code: string;
  label: string;
  labelEn: string;
}

const Row = z.object({ code: z.string(), face: z.string(), zh: z.string(), en: z.string() });
type Row = z.infer<typeof Row>;
const Nations = z.object({ nations: z.array(Row).min(56) });
const Sexes = z.object({ sexes: z.array(Row).min(4) });

let nations: Map<string, Row> | undefined;
let sexes: Map<string, Row> | undefined;

function nationTable(): Map<string, Row> {
  nations ??= new Map(loadResource('nations.json', Nations).nations.map((r) => [r.code, r]));
  return nations;
}

function sexTable(): Map<string, Row> {
  sexes ??= new Map(loadResource('sex-codes.json', Sexes).sexes.map((r) => [r.code, r]));
  return sexes;
}

export function nationByCode(code: string): (CodeLabel & { full: string }) | undefined {
  const r = nationTable().get(code);
  return r && { code: r.code, label: r.face, labelEn: r.en, full: r.zh };
}

export function sexByCode(code: string): CodeLabel | undefined {
  const r = sexTable().get(code);
  return r && { code: r.code, label: r.face, labelEn: r.en };
}

export function listNations(): Array<CodeLabel & { full: string }> {
  return [...nationTable().values()].map((r) => ({ code: r.code, label: r.face, labelEn: r.en, full: r.zh }));
}
