import { maskIdNumber } from '../../../protocol/id-mask';
import type { MeansView } from './api-types';
import type { MeansConfig } from './config';
import { consentGaps } from './consent';
import type { MemberRequest } from './consents-merged';
import type { Prepared } from './prepared';
import type { StoredRun } from './runs';
import { summarise } from './summary';
import { CONCLUSION_WORDS, type ConsentState } from './types';

export interface ViewInput {
  caseId: string;
  p: Prepared;
  consents: Map<string, ConsentState>;
  latest: StoredRun | undefined;
  /** The report's newest submission in the outbox (its key ends in 100 + the run's number). */
  submitted: { key: string; at: string } | undefined;
  pending: MemberRequest | undefined;
  cfg: MeansConfig;
}

/** means.view: the household, each member's consent, the latest run and its submission, for the clerk's panel. */
export function meansView({
  caseId,
  p,
  consents,
  latest: s,
  submitted: sub,
  pending: pend,
  cfg,
}: ViewInput): MeansView {
  const { missing, refused } = consentGaps(p.hh.members, consents, p.hash);
  const refOf = (id: string) => p.hh.members.findIndex((m) => m.idNumber === id);
  const sourceName = (k: string) => {
    const x = cfg.sources.find((y) => y.key === k);
    return x ? { zh: x.issuerZh, en: x.issuerEn } : { zh: cfg.medicalBill.nameZh, en: cfg.medicalBill.nameEn };
  };
  return {
    caseId,
    itemCode: p.auth.item.code,
    household: { number: p.hh.number, address: p.hh.address },
    area: {
      name: p.area.rules.name,
      incomeStandard: p.area.rules.incomeStandard,
      windowMonths: p.area.rules.windowMonths,
    },
    members: p.hh.members.map((m, ref) => {
      const c = consents.get(m.idNumber);
      return {
        ref,
        name: m.name,
        idNumberMasked: maskIdNumber(m.idNumber),
        relation: m.relation,
        age: m.age,
        adult: m.adult,
        consent: c
          ? {
              kind: c.kind,
              at: c.at,
              current: c.documentHash === p.hash,
              ...(c.guardian ? { guardian: c.guardian.name } : {}),
              ...(c.paperReason ? { paperReason: c.paperReason } : {}),
            }
          : null,
      };
    }),
    consentMissing: missing.map((m) => m.name),
    consentRefused: refused.map((m) => m.name),
    documentHash: p.hash,
    ...(pend && p.hh.members[pend.ref]
      ? {
          pending: {
            ref: pend.ref,
            name: p.hh.members[pend.ref]!.name,
            ...(pend.guardianRef !== undefined && p.hh.members[pend.guardianRef]
              ? { guardian: p.hh.members[pend.guardianRef]!.name }
              : {}),
          },
        }
      : {}),
    ...(s
      ? {
          run: {
            runNo: s.run.runNo,
            at: s.run.at,
            durationMs: s.run.durationMs,
            conclusion: s.run.conclusion,
            conclusionWords: CONCLUSION_WORDS[s.run.conclusion],
            missing: s.run.missing.map((k) => ({ key: k, name: sourceName(k) })),
            figures: s.run.figures,
            rules: s.run.rules.map((r) => ({
              id: r.id,
              label: r.label,
              result: r.result,
              sentence: r.sentence,
              licenses: r.sources.flatMap((x) => (x.identifier ? [x.identifier] : [])),
            })),
            findings: [...s.run.findings, ...s.run.applicantExtra].map((f) => ({
              ref: refOf(f.member),
              source: f.source,
              sourceName: sourceName(f.source),
              state: f.state,
              summary: f.summary ?? summarise(cfg, f),
              queriedAt: f.queriedAt,
              ...(f.asOf ? { asOf: f.asOf } : {}),
              ...(f.license ? { license: { number: f.license.number, issuer: f.license.issuer } } : {}),
            })),
          },
        }
      : {}),
    ...(sub ? { submitted: { key: sub.key, at: sub.at, runNo: Number(sub.key.split('.').pop()) - 100 } } : {}),
  };
}
