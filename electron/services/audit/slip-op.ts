import type { CitizenSlip } from '../../api/auth-types';
import type { Core } from '../core/core';
import { appendAudit } from './append';
import { AuditError } from './errors';
import { caseLookupWired, requireOpenCase } from './purpose';
import { auditForSubject } from './query';
import { auditCipher } from './service';
import { slipPdf, slipRows } from './slip';
import { auditSubject } from './subject';

type SlipInput = { caseId: string; pdf: boolean } | { idNumber: string; reason: string; pdf: boolean };

function bind(
  core: Core,
  i: SlipInput,
): { subject: string; caseId: string | null; purpose: string; itemCode: string | null } {
  if ('caseId' in i) {
    const c = requireOpenCase(core, i.caseId);
    return {
      subject: c.subject,
      caseId: c.caseId,
      purpose: 'citizen asked who accessed their data',
      itemCode: c.itemCode,
    };
  }
  if (caseLookupWired(core)) {
    throw new AuditError(
      'AUDIT_CASE_REQUIRED',
      'Open a case for this citizen first (place the ID card), then print the access record from the case.',
    );
  }
  const cipher = auditCipher(core);
  if (!cipher)
    throw new AuditError(
      'AUDIT_NO_CIPHER',
      'The data key is not loaded, so citizens cannot be looked up; restart the app.',
    );
  return { subject: auditSubject(cipher, i.idNumber), caseId: null, purpose: i.reason, itemCode: null };
}

/** "Who looked at my data": every recorded access to this citizen, bound to an open case (or a stated reason). */
export async function citizenSlip(core: Core, i: SlipInput): Promise<CitizenSlip> {
  const b = bind(core, i);
  const rows = slipRows(auditForSubject(core.db, b.subject));
  appendAudit(core.db, {
    action: 'citizen-slip',
    actor: core.session?.userId ?? null,
    subject: b.subject,
    caseId: b.caseId,
    itemCode: b.itemCode,
    purpose: b.purpose,
  });
  if (!i.pdf) return { rows };
  try {
    const pdf = await slipPdf(
      { hall: core.config.hall.name, counter: core.config.counter, training: core.training, printedAt: new Date() },
      rows,
    );
    return { rows, pdfBase64: pdf.toString('base64') };
  } catch (err) {
    // Without the CJK font the rows are still useful on screen; the UI offers no print button then.
    if ((err as { code?: string }).code === 'CERT_FONT_MISSING') return { rows };
    throw err;
  }
}
