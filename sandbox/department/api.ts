import type { IncomingMessage, ServerResponse } from 'node:http';
import { DEPT_PATH, IDEMPOTENCY_HEADER, submissionPayloadSchema } from '../../protocol/department-wire';
import { ApiError, NonceStore, authenticate } from '../auth';
import { departmentFaultsSchema, type DepartmentFaults, type DepartmentFaultsInput } from './faults';
import { loadDepartmentRules, parseDepartmentRules, type DepartmentRules } from './rules';
import { DepartmentStore } from './store';

export interface DepartmentOptions {
  /** Defaults to the shipped rules (resources/sandbox/department-rules.json). */
  rules?: DepartmentRules;
  faults?: DepartmentFaultsInput;
}

type Send = (res: ServerResponse, status: number, value: unknown) => void;

/**
 * The sandbox department back-office (部门业务系统): signed submissions, idempotent by id, decided
 * after a delay by rules of thumb, status by poll. Spec: protocol/department-wire.ts.
 */
export class SandboxDepartment {
  readonly store: DepartmentStore;
  private faultState: DepartmentFaults;
  private readonly nonces = new NonceStore();

  constructor(
    private readonly apps: ReadonlyMap<string, string>,
    private readonly now: () => number,
    opts: DepartmentOptions = {},
  ) {
    this.store = new DepartmentStore(opts.rules ?? loadDepartmentRules());
    this.faultState = departmentFaultsSchema.parse(opts.faults ?? {});
  }

  faults(): DepartmentFaults {
    return this.faultState;
  }

  setFaults(f: DepartmentFaultsInput): DepartmentFaults {
    return (this.faultState = departmentFaultsSchema.parse(f));
  }

  /** /dept/... : applies the faults, then the API. */
  async handle(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, send: Send): Promise<void> {
    const f = this.faultState;
    if (f.down) return void req.socket.destroy();
    if (f.latencyMs > 0) await new Promise((r) => setTimeout(r, f.latencyMs));
    if (f.errorRate > 0 && Math.random() < f.errorRate)
      return send(res, 500, { code: 'INTERNAL', message: 'Department system error (sandbox fault).' });
    try {
      authenticate(req, body, this.apps, this.nonces, this.now());
    } catch (e) {
      this.store.totals.refused++;
      const err =
        e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', 'Internal error in the sandbox department.');
      return send(res, err.status, { code: err.code, message: err.message });
    }
    try {
      if (url.pathname === DEPT_PATH && req.method === 'POST') return this.submit(req, res, body, send);
      const m = new RegExp(`^${DEPT_PATH}/([^/]+)$`).exec(url.pathname);
      if (m && req.method === 'GET') {
        const a = this.store.status(decodeURIComponent(m[1]!), this.now());
        return a ? send(res, 200, a) : send(res, 404, { code: 'NOT_FOUND', message: 'No submission with this id.' });
      }
      send(res, 404, { code: 'NO_ROUTE', message: `No department API at ${req.method} ${url.pathname}.` });
    } catch (e) {
      const err =
        e instanceof ApiError ? e : new ApiError(500, 'INTERNAL', 'Internal error in the sandbox department.');
      send(res, err.status, { code: err.code, message: err.message });
    }
  }

  private submit(req: IncomingMessage, res: ServerResponse, body: Buffer, send: Send): void {
    let json: unknown;
    try {
      json = JSON.parse(body.toString('utf8'));
    } catch {
      throw new ApiError(400, 'BAD_JSON', 'Body must be JSON.');
    }
    const parsed = submissionPayloadSchema.safeParse(json);
    if (!parsed.success)
      throw new ApiError(
        422,
        'BAD_SUBMISSION',
        parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    const p = parsed.data;
    const key = req.headers[IDEMPOTENCY_HEADER];
    if (key !== p.submissionId)
      throw new ApiError(400, 'BAD_IDEMPOTENCY_KEY', 'Idempotency-Key must equal the submissionId.');
    const r = this.store.receive(
      p.submissionId,
      body,
      { itemCode: p.itemCode, itemName: p.itemName, form: p.form },
      this.now(),
    );
    if (r.outcome === 'conflict')
      throw new ApiError(409, 'IDEMPOTENCY_CONFLICT', 'This submission id was already used with different content.');
    if (
      r.outcome === 'created' &&
      this.faultState.lostAnswerRate > 0 &&
      Math.random() < this.faultState.lostAnswerRate
    ) {
      return void req.socket.destroy();
    }
    send(res, r.outcome === 'created' ? 201 : 200, r.answer);
  }

  /** /admin/department (GET: faults, totals, received; POST {faults?, rules?}). */
  admin(req: IncomingMessage, res: ServerResponse, url: URL, body: Buffer, send: Send): void {
    if (url.pathname === '/admin/department/received' && req.method === 'GET') {
      return send(res, 200, { totals: this.store.totals, submissions: this.store.received(this.now()) });
    }
    if (url.pathname !== '/admin/department')
      return send(res, 404, { code: 'NO_ROUTE', message: `No admin API at ${url.pathname}.` });
    if (req.method === 'GET') return send(res, 200, { faults: this.faultState, totals: this.store.totals });
    try {
      const input = JSON.parse(body.toString('utf8') || '{}') as { faults?: unknown; rules?: unknown };
      if (input.rules !== undefined) this.store.setRules(parseDepartmentRules(input.rules, 'rules'));
      if (input.faults !== undefined) {
        const parsed = departmentFaultsSchema.safeParse(input.faults);
        if (!parsed.success)
          return send(res, 400, {
            code: 'BAD_FAULTS',
            message: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
          });
        this.faultState = parsed.data;
      }
    } catch (e) {
      return send(res, 400, { code: 'BAD_CONFIG', message: e instanceof Error ? e.message : 'Body must be JSON.' });
    }
    send(res, 200, { faults: this.faultState });
  }
}
