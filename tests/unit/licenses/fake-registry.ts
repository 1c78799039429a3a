import type {
  CatalogEntry,
  FetchedLicense,
  LicenseRecord,
  ProgramArea,
  Registry,
  TrustedIssuer,
  UsageContext,
  VerificationState,
} from '../../../electron/services/registry/types';
import { VERIFIED } from '../../helpers/licenses';

type Mode = 'up' | 'down' | 'hang';

/** A small in-memory registry with switchable failure modes; counts calls and concurrency. */
export class FakeRegistry implements Registry {
  mode: Mode = 'up';
  getMode = new Map<string, Mode | 'wrong'>();
  getDelayMs = 0;
  calls = { search: 0, get: 0 };
  inFlight = 0;
  maxInFlight = 0;
  private readonly holders = new Map<string, LicenseRecord[]>();
  private readonly states = new Map<string, VerificationState>();

  add(lic: LicenseRecord, holderCodes: string[], verification: VerificationState = VERIFIED): this {
    for (const h of holderCodes) this.holders.set(h, [...(this.holders.get(h) ?? []), lic]);
    this.states.set(lic.identifier, verification);
    return this;
  }

  private async fail(mode: Mode): Promise<void> {
    if (mode === 'down')
      throw Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:8443'), { code: 'ECONNREFUSED' });
    if (mode === 'hang') await new Promise(() => {});
  }

  async search(holderCode: string, _usage: UsageContext, typeCodes?: string[]): Promise<CatalogEntry[]> {
    this.calls.search++;
    await this.fail(this.mode);
    return (this.holders.get(holderCode) ?? [])
      .filter((l) => !typeCodes || typeCodes.includes(l.certificateType))
      .map((l) => ({
        identifier: l.identifier,
        certificateType: l.certificateType,
        certificateName: l.certificateName,
        certificateNumber: l.certificateNumber,
        issueDept: l.issueDept,
        issueDeptCode: l.issueDeptCode,
        certificateValidateEnd: l.certificateValidateEnd,
      }));
  }

  async get(identifier: string, _usage: UsageContext): Promise<FetchedLicense> {
    this.calls.get++;
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    try {
      if (this.getDelayMs) await new Promise((r) => setTimeout(r, this.getDelayMs));
      const m = this.getMode.get(identifier) ?? this.mode;
      if (m !== 'wrong') await this.fail(m);
      const all = [...this.holders.values()].flat();
      const lic =
        m === 'wrong' ? all.find((l) => l.identifier !== identifier) : all.find((l) => l.identifier === identifier);
      if (!lic) throw Object.assign(new Error(`no license ${identifier}`), { code: 'NOT_FOUND' });
      return {
        license: lic,
        verification: this.states.get(lic.identifier)!,
        fetchedAt: new Date().toISOString(),
        source: 'registry',
      };
    } finally {
      this.inFlight--;
    }
  }

  async trustList(): Promise<TrustedIssuer[]> {
    return [];
  }

  async cleanEnergyAreas(): Promise<ProgramArea[]> {
    return [];
  }
}

export const USAGE: UsageContext = {
  organisation: '示范市东城区政务服务中心',
  clerk: 'clerk-007',
  itemName: '煤改电住户核验',
  itemCode: 'CE-001',
  caseNumber: 'C20250101-0001',
  reason: '办理煤改电补贴核验',
};
