import { AppError } from '../errors';
import type { ApplicationView } from '../../api/types';
import { getItem, type Catalog } from '../catalog';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import {
  documentTemplate,
  renderDocument,
  type DocumentData,
  type DocumentTemplate,
  type RenderedDocument,
  type SignatureInput,
} from '../forms';
import { documentHash } from '../signature/bind';
import { maskIdNumber } from '../../../protocol/id-mask';
import { getApplication, type StoredApplication } from './application';

export type ApplicationDocument = 'application' | 'receipt';

export function applicationView(catalog: Catalog, a: StoredApplication): ApplicationView {
  return {
    submittedAt: a.submittedAt,
    departments: a.departments.map((id) => ({ id, names: catalog.departments.get(id)?.names ?? { zh: id, en: id } })),
  };
}

type DocDeps = { core: Core; cipher: RecordCipher; catalog: Catalog };

/**
 * The citizen's copy of the application (with its empty `signature` box, or the signature drawn
 * into it) or the 受理回执, rendered from what was stored at submit, so a reprint is the same text.
 * Without an explicit signature, the application takes the one the signing service holds for
 * exactly this document (services/signature: same canonical hash), if the citizen signed it.
 */
export async function renderApplicationDocument(
  d: DocDeps,
  caseId: string,
  kind: ApplicationDocument,
  signature?: SignatureInput,
): Promise<RenderedDocument> {
  const { template, data, hash } = applicationDocumentData(d, caseId, kind);
  const signed = kind === 'application' ? (signature ?? signedInput(d, caseId, hash)) : undefined;
  return renderDocument(template, data, signed);
}

function signedInput(d: DocDeps, caseId: string, hash: string): SignatureInput | undefined {
  const pad = d.core.services.signing?.signatureFor(caseId, hash);
  return pad ? { pad } : undefined;
}

/** What the document shows, and the hash a signature of it is bound to (template id and version included). */
export function applicationDocumentData(
  d: DocDeps,
  caseId: string,
  kind: ApplicationDocument,
): { template: DocumentTemplate; data: DocumentData; hash: string } {
  const a = getApplication(d.core, d.cipher, caseId);
  if (!a) throw new AppError('CASE_NO_DOCUMENT', 'This case has no submitted application yet; confirm the form first.');
  const item = getItem(d.catalog, a.itemCode);
  const view = applicationView(d.catalog, a);
  const fields = item.form?.fields ?? [];
  const receipt = item.outputs.find((o) => o.kind === 'receipt');
  const appOut = item.outputs.find((o) => o.kind === 'application');
  const template = documentTemplate(
    (kind === 'receipt' ? receipt?.template : appOut?.kind === 'application' ? appOut.template : undefined) ?? kind,
  );
  const rows =
    kind === 'application'
      ? fields.map((f) => ({
          label: f.label,
          value: f.type === 'idNumber' ? maskIdNumber(a.values[f.key] ?? '') : (a.values[f.key] ?? ''),
        }))
      : [
          { label: { zh: '申请事项', en: 'Item' }, value: `${item.names.zh}（${item.itemCode}）` },
          { label: { zh: '申请人', en: 'Applicant' }, value: a.values.name ?? '' },
          { label: { zh: '受理时间', en: 'Received' }, value: a.submittedAt.slice(0, 16).replace('T', ' ') },
          ...(receipt?.kind === 'receipt' && receipt.decisionDays
            ? [{ label: { zh: '承诺办结时限', en: 'Decided within' }, value: `${receipt.decisionDays} 个工作日` }]
            : []),
        ];
  const data: DocumentData = {
    caseId,
    item: item.names,
    hall: d.core.config.hall.name,
    counter: d.core.config.counter,
    at: a.submittedAt.slice(0, 16).replace('T', ' '),
    training: d.core.config.mode === 'training',
    rows,
    exempts: item.exempts.map((x) => x.name),
    departments: view.departments.map((x) => x.names),
    ...(receipt?.kind === 'receipt' ? { followUp: receipt.followUp } : {}),
  };
  return { template, data, hash: documentHash({ template: template.id, version: template.version, data }) };
}
