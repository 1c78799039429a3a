import { AppError } from '../errors';
import type { CatalogItem } from '../catalog';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import { auditSubject } from '../audit';
import { poolKeys, prefill, validateForm, type FormView } from '../forms';
import { submission } from '../outbox';
import type { DataPool } from '../pool';
import type { RuleFacts } from '../rules';
import { auditCase } from './audit';
import type { LiveCase } from './live';

export interface ApplicationDeps {
  core: Core;
  cipher: RecordCipher;
  pool?: DataPool;
  hall: Record<string, string>;
  itemName: (code: string) => string;
}

/** What is kept of a submitted application: enough to render the signed PDF and the receipt again. */
export interface StoredApplication {
  caseId: string;
  itemCode: string;
  values: Record<string, string>;
  departments: string[];
  submittedBy: string;
  submittedAt: string;
}

const formAad = (caseId: string) => `application/v1|${caseId}|form`;

/** The item's form prefilled for this case; the pool is read (and audited) once, here. */
export function formFor(d: ApplicationDeps, live: LiveCase, item: CatalogItem, facts: RuleFacts): FormView | undefined {
  if (!item.form) return undefined;
  const keys = poolKeys(item.form);
  const pooled = d.pool && keys.length ? d.pool.read(live.id, keys) : new Map();
  return prefill(item.form, { facts, pool: pooled, hall: d.hall, itemName: d.itemName });
}

/**
 * The clerk confirms the form: in ONE transaction the application is stored, a submission is
 * queued to each declared department, the values that are not evidence are kept in the pool for
 * the next case of this person, and the step is audited. A failure anywhere leaves none of it.
 */
export function submitApplication(
  d: ApplicationDeps,
  live: LiveCase,
  item: CatalogItem,
  form: FormView,
  values: Record<string, string>,
): StoredApplication {
  const app = item.outputs.find((o) => o.kind === 'application');
  if (!app) throw new AppError('CASE_NO_APPLICATION', 'This item has no application form.');
  // Card and license values are evidence: the server's own, whatever the page sent for them.
  values = { ...values, ...Object.fromEntries(form.fields.filter((f) => f.locked).map((f) => [f.key, f.value])) };
  const problems = validateForm(form.fields, values);
  if (problems.length) {
    const p = problems[0]!;
    const label = form.fields.find((f) => f.key === p.key)?.label.zh ?? p.key;
    throw new AppError('CASE_FORM_INVALID', `form field ${p.key}: ${p.problem}`, {
      field: p.key,
      params: { field: label, problem: p.problem },
    });
  }
  const clean = Object.fromEntries(form.fields.map((f) => [f.key, (values[f.key] ?? '').trim()]));
  const outbox = d.core.services.outbox;
  if (!outbox) throw new AppError('CASE_NOT_READY', 'The outbox is not running; restart the app.');
  const clerk = d.core.session?.userId ?? live.clerkId;
  const at = new Date();
  const stored: StoredApplication = {
    caseId: live.id,
    itemCode: item.code,
    values: clean,
    departments: app.departments,
    submittedBy: clerk,
    submittedAt: at.toISOString(),
  };
  const c = d.core.config;
  d.core.db.transaction(() => {
    const exists = d.core.db.prepare('SELECT 1 FROM case_application WHERE case_id = ?').get(live.id);
    if (exists)
      throw new AppError(
        'CASE_ALREADY_APPLIED',
        'The application of this case was already submitted; for a new one press F8 and read the card again.',
      );
    d.core.db
      .prepare(
        'INSERT INTO case_application(case_id, item_code, form, departments, submitted_by, submitted_at) VALUES (?, ?, ?, ?, ?, ?)',
      )
      .run(
        live.id,
        item.code,
        d.cipher.seal(JSON.stringify(clean), formAad(live.id)),
        JSON.stringify(app.departments),
        clerk,
        stored.submittedAt,
      );
    for (const department of app.departments)
      outbox.enqueue(
        d.core.db,
        submission({
          caseId: live.id,
          department,
          itemCode: item.itemCode,
          itemName: item.names.zh,
          hall: c.hall,
          counter: c.counter,
          clerk: { id: clerk },
          applicant: { idNumber: live.card.number, name: live.card.name },
          form: clean,
          exempted: item.exempts.map((x) => ({ name: x.name.zh, ...(x.license ? { licenseId: x.license } : {}) })),
          submittedAt: at,
        }),
      );
    // Card and license values are evidence fetched anew each time; the pool keeps what the clerk confirmed.
    const keep = Object.fromEntries(form.fields.filter((f) => !f.locked).map((f) => [f.key, clean[f.key] ?? '']));
    d.pool?.write({
      caseId: live.id,
      subject: auditSubject(d.cipher, live.card.number),
      itemCode: item.code,
      clerkId: clerk,
      values: keep,
      retentionDays: item.retentionDays,
      now: at,
    });
    auditCase(d.core, d.cipher, { ...live, itemCode: item.code }, 'application-submit', {
      purpose: `application ${item.code}`,
      detail: { departments: app.departments, fields: form.fields.length, typed: form.toType },
    });
  })();
  return stored;
}

export function getApplication(core: Core, cipher: RecordCipher, caseId: string): StoredApplication | undefined {
  const r = core.db.prepare('SELECT * FROM case_application WHERE case_id = ?').get(caseId) as
    | {
        case_id: string;
        item_code: string;
        form: Buffer;
        departments: string;
        submitted_by: string;
        submitted_at: string;
      }
    | undefined;
  if (!r) return undefined;
  return {
    caseId,
    itemCode: r.item_code,
    values: JSON.parse(cipher.open(r.form, formAad(caseId)).toString('utf8')) as Record<string, string>,
    departments: JSON.parse(r.departments) as string[],
    submittedBy: r.submitted_by,
    submittedAt: r.submitted_at,
  };
}
