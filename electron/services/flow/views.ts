import type { CaseView, CheckView, ItemView, LicenseView } from '../../api/types';
import type { CaseRecord } from '../cases';
import type { CatalogItem } from '../catalog';
import { licenseTypeName as typeNames, type CheckResult } from '../rules';

const licenseTypeName = (code: string): string => typeNames(code).zh;
const typeNameEn = (code: string): string => typeNames(code).en;
import type { LiveCase } from './live';
import { maskIdNumber } from '../../../protocol/id-mask';
import { toCardView } from '../reader/card-view';
import { caseActions } from './actions';

export function itemView(item: CatalogItem, hint?: ItemView['hint']): ItemView {
  return {
    code: item.code,
    names: item.names,
    initials: item.initials,
    page: item.printed?.page === 'card' ? 'CR80' : 'A4',
    ...(hint ? { hint } : {}),
    itemCode: item.itemCode,
    ...(item.departmentName ? { department: item.departmentName } : {}),
    exempts: item.exempts.map((x) => x.name),
  };
}

export function checkView(c: CheckResult): CheckView {
  return {
    id: c.id,
    label: c.label,
    result: c.result,
    sentence: c.sentence,
    ...(c.source
      ? {
          source: {
            typeName: c.source.typeName,
            number: safeNumber(c.source.number),
            issuer: c.source.issuer,
            ...(c.source.asOf ? { asOf: c.source.asOf } : {}),
          },
        }
      : {}),
  };
}

/** A license number that is a citizen ID number (the resident-ID license's) never reaches the page in full. */
const ID_LIKE = /^\d{17}[\dXx]$/;
const safeNumber = (n: string): string => (ID_LIKE.test(n) ? maskIdNumber(n) : n);

/**
 * The licenses on screen: before an item is chosen every one fetched; after, only the evidence
 * the item declares, so the clerk sees what the checks read and nothing else of the citizen's.
 */
function licenseViews(live: LiveCase, wanted: readonly string[]): LicenseView[] {
  const shown = new Set(wanted);
  return allLicenseViews(live, wanted).filter((l) => shown.has(l.typeCode));
}

function allLicenseViews(live: LiveCase, wanted: readonly string[]): LicenseView[] {
  const r = live.result;
  if (!r)
    return wanted.map((t) => ({
      typeCode: t,
      typeName: licenseTypeName(t),
      typeNameEn: typeNameEn(t),
      state: 'pending',
    }));
  const out: LicenseView[] = r.licenses.map(({ license: l, verification: v, source, fetchedAt }) => ({
    typeCode: l.certificateType,
    typeName: l.certificateName || licenseTypeName(l.certificateType),
    typeNameEn: typeNameEn(l.certificateType),
    number: safeNumber(l.certificateNumber),
    issuer: l.issueDept,
    validTo: l.certificateValidateEnd,
    state: v.state === 'unverified' ? 'unverified' : source === 'cache' ? 'cache' : 'verified',
    ...(v.state === 'unverified'
      ? { reason: v.message, reasonCode: `SIG_${v.reason.toUpperCase().replace(/-/g, '_')}` }
      : {}),
    ...(source === 'cache' ? { asOf: fetchedAt } : {}),
  }));
  for (const t of r.missing) {
    const why = r.errors.find((e) => e.typeCode === t);
    out.push({
      typeCode: t,
      typeName: licenseTypeName(t),
      typeNameEn: typeNameEn(t),
      state: 'missing',
      ...(why
        ? { reason: why.message, reasonCode: why.code, ...(why.params ? { reasonParams: why.params } : {}) }
        : {}),
    });
  }
  return out;
}

/** Oldest cached evidence among the checks: the certificate says "data as of" that time. */
export function dataAsOf(checks: readonly CheckResult[], live: LiveCase): string | undefined {
  const times = checks.map((c) => c.source?.asOf).filter((t): t is string => !!t);
  for (const a of Object.values(live.areas ?? {})) if (a.cached) times.push(a.asOf);
  return times.sort()[0];
}

let revision = 0;

export function caseView(
  live: LiveCase,
  rec: CaseRecord | undefined,
  item: CatalogItem | undefined,
  wanted: readonly string[],
): CaseView {
  const checks = live.evaluation?.checks ?? [];
  const asOf = dataAsOf(checks, live);
  return {
    caseId: live.id,
    rev: ++revision,
    state: rec?.state ?? 'open',
    source: live.source,
    card: toCardView(live.card, live.id, live.openedAt),
    ...(live.photo ? { photo: live.photo } : {}),
    registry: {
      state: live.result ? 'done' : 'pending',
      online: live.result?.online ?? true,
      ...(live.result?.offlineSince ? { offlineSince: live.result.offlineSince } : {}),
      errors: (live.result?.errors ?? [])
        .filter((e) => !e.typeCode)
        .map((e) => ({ code: e.code, message: e.message, ...(e.params ? { params: e.params } : {}) })),
    },
    licenses: licenseViews(live, item ? item.licenses.map((l) => l.type) : wanted),
    ...(item ? { item: itemView(item) } : {}),
    checks: checks.map(checkView),
    eligible: live.evaluation?.eligible ?? false,
    blocking: (live.evaluation?.blocking ?? []).map((c) => c.id),
    ...(asOf ? { dataAsOf: asOf } : {}),
    ...(rec?.serial ? { serial: rec.serial } : {}),
    ...(live.job
      ? { job: live.job }
      : rec?.printJobId && rec.printer
        ? {
            job: {
              jobId: rec.printJobId,
              printer: rec.printer,
              state: rec.state === 'completed' ? 'completed' : 'queued',
            },
          }
        : {}),
    ...(rec?.voided ? { voidReason: rec.voided.reason } : {}),
    ...(live.override ? { override: live.override } : {}),
    ...(live.form
      ? {
          form: {
            ...live.form,
            // The full ID number never reaches the page; the server keeps it for the application.
            fields: live.form.fields.map((f) => (f.type === 'idNumber' ? { ...f, value: maskIdNumber(f.value) } : f)),
          },
        }
      : {}),
    ...(live.application ? { application: live.application } : {}),
    timings: {
      cardReadAt: rec?.times.cardReadAt ?? live.openedAt.toISOString(),
      ...(rec?.times.itemChosenAt ? { itemChosenAt: rec.times.itemChosenAt } : {}),
      ...(rec?.times.generatedAt ? { generatedAt: rec.times.generatedAt } : {}),
      ...(rec?.times.jobAcceptedAt ? { jobAcceptedAt: rec.times.jobAcceptedAt } : {}),
      ...(rec?.times.jobCompletedAt ? { jobCompletedAt: rec.times.jobCompletedAt } : {}),
    },
    can: caseActions(live, rec),
  };
}
