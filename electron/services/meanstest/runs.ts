import type { Db } from '../db/open';
import type { RecordCipher } from '../crypto';
import type { CertificateData } from '../certificates';
import { canonicalJson } from '../../../protocol/canonical';
import { sm3Hex } from '../../../protocol/sm3';
import type { BoundSignature } from '../signature/bind';
import type { AuthorisationData } from './authorisation';
import type { Prepared } from './prepared';
import type { CheckRun, ConsentState } from './types';

/** A saved run as sealed in meanstest_runs (migration 013): what the report and a re-run need. */
export interface StoredRun {
  run: CheckRun;
  /** The authorisation the run's consents were given for (a re-run after a restart starts from it). */
  auth?: AuthorisationData;
  consents: Array<[string, ConsentState]>;
  payload: string;
  report: CertificateData;
}

/** Each run's seal is bound to its case and number, so a sealed run cannot be moved to another row. */
const runAad = (caseId: string, n: number) => `meanstest_runs|${caseId}|${n}`;

export function nextRunNo(db: Db, caseId: string): number {
  const r = db.prepare('SELECT max(run_no) n FROM meanstest_runs WHERE case_id = ?').get(caseId) as {
    n: number | null;
  };
  return (r.n ?? 0) + 1;
}

export function latestRun(db: Db, cipher: RecordCipher, caseId: string): StoredRun | undefined {
  const r = db
    .prepare('SELECT run_no, result FROM meanstest_runs WHERE case_id = ? ORDER BY run_no DESC LIMIT 1')
    .get(caseId) as { run_no: number; result: Buffer } | undefined;
  if (!r) return undefined;
  return JSON.parse(cipher.open(r.result, runAad(caseId, r.run_no)).toString('utf8')) as StoredRun;
}

/** Inserts the run, sealed, with the SM3 of its canonical text; the caller's transaction adds its audit. */
export function insertRun(db: Db, cipher: RecordCipher, s: StoredRun): void {
  const { run } = s;
  const json = canonicalJson(s);
  db.prepare(
    'INSERT INTO meanstest_runs(case_id, run_no, conclusion, missing, result, result_hash, clerk_id, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
  ).run(
    run.caseId,
    run.runNo,
    run.conclusion,
    JSON.stringify(run.missing),
    cipher.seal(json, runAad(run.caseId, run.runNo)),
    sm3Hex(json),
    run.clerkId,
    run.at,
  );
}

/** A consent as kept with the run: the strokes stay with the signing service, not in every run. */
export const stripSignature = (c: ConsentState & { signature?: BoundSignature }): ConsentState => {
  const { signature: _s, ...rest } = c;
  return rest;
};

/** A run's record: the household as checked, every finding, and the rules' outcome. */
export function runRecord(
  p: Prepared,
  r: Pick<
    CheckRun,
    'caseId' | 'runNo' | 'at' | 'clerkId' | 'itemCode' | 'findings' | 'applicantExtra' | 'durationMs'
  > & {
    evaluation: Pick<CheckRun, 'rules' | 'figures' | 'conclusion' | 'missing'>;
  },
): CheckRun {
  const { evaluation: ev, ...rest } = r;
  return {
    ...rest,
    household: {
      number: p.hh.number,
      address: p.hh.address,
      areaCode: p.hh.areaCode,
      registerId: p.hh.registerId,
      ...(p.hh.registerAsOf ? { registerAsOf: p.hh.registerAsOf } : {}),
    },
    area: { prefix: p.area.prefix, name: p.area.rules.name },
    members: p.hh.members,
    rules: ev.rules,
    figures: ev.figures,
    conclusion: ev.conclusion,
    missing: ev.missing,
  };
}
