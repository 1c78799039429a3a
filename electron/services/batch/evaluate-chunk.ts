import type { FetchedLicense } from '../registry/types';
import type { CheckResult } from '../rules';
import { evaluateRow, rowHolders, type BatchItem, type RowDelivered } from './check-row';
import type { RowInput } from './mapping';
import { encodeChecks, type CodecItem } from './row-codec';
import type { RowOutcome } from './store';

/**
 * One batch answer's lines, as the rules thread gets them: each license of the answer once, and
 * per line its people with positions into that list (the shape the registry's batch answer has, so
 * a household register shared by a child and both parents crosses the thread boundary once).
 */
export interface ChunkRequest {
  licenses: FetchedLicense[];
  rows: Array<{
    input: RowInput;
    people: Array<{ role: keyof RowDelivered; licenses: number[]; missing: string[] }>;
  }>;
}

/** A line checked: its outcome, the conditions not passed, and its checks encoded for the row (row-codec.ts). */
export interface ChunkRow {
  outcome: RowOutcome;
  failedChecks: string[];
  checks: string;
}

// A position outside the chunk is a bug on this side: the rules would make "could not check" of it.
function licenseAt(req: ChunkRequest, n: number): FetchedLicense {
  const l = req.licenses[n];
  if (!l) throw new Error(`a batch line points at license ${n} of ${req.licenses.length}`);
  return l;
}

/**
 * The item's rules over each line, and each line's checks encoded as its row stores them: the
 * work of a batch answer after it is verified. Pure, so it gives the same rows in the rules thread
 * (rules-thread.ts) as in the main thread when that thread is not there.
 */
export function evaluateChunk(item: BatchItem, codec: CodecItem, req: ChunkRequest, now: Date): ChunkRow[] {
  return req.rows.map((r) => {
    const rd: RowDelivered = { child: { licenses: [], missing: [], errors: [] } };
    for (const p of r.people)
      rd[p.role] = { licenses: p.licenses.map((n) => licenseAt(req, n)), missing: p.missing, errors: [] };
    return chunkRow(evaluateRow(item, r.input, rd, now), codec);
  });
}

/** A line's evaluation as its row stores it, wherever it was evaluated (either thread, or per person). */
export function chunkRow(ev: { outcome: RowOutcome; checks: readonly CheckResult[] }, codec: CodecItem): ChunkRow {
  return {
    outcome: ev.outcome,
    failedChecks: ev.checks.filter((c) => c.result !== 'passed').map((c) => c.id),
    checks: encodeChecks(ev.checks, codec),
  };
}

/**
 * A batch answer as the rules take it: each license once (the answer shares one record among the
 * holders it concerns) and each line's people pointing into that list.
 */
export function chunkOf(
  rows: ReadonlyArray<{ input: RowInput }>,
  got: ReadonlyArray<{ licenses: FetchedLicense[] }>,
  types: readonly string[],
): ChunkRequest {
  const req: ChunkRequest = { licenses: [], rows: [] };
  const index = new Map<FetchedLicense, number>();
  const pos = (l: FetchedLicense) => {
    let n = index.get(l);
    if (n === undefined) {
      index.set(l, (n = req.licenses.length));
      req.licenses.push(l);
    }
    return n;
  };
  let at = 0;
  for (const p of rows) {
    const people: ChunkRequest['rows'][number]['people'] = [];
    for (const h of rowHolders(p.input)) {
      const licenses = got[at++]!.licenses;
      const have = new Set(licenses.map((l) => l.license.certificateType));
      // The registry answered for this holder: a type not delivered is "has none".
      people.push({ role: h.role, licenses: licenses.map(pos), missing: types.filter((t) => !have.has(t)) });
    }
    req.rows.push({ input: p.input, people });
  }
  return req;
}
