import { describe, expect, it } from 'vitest';
import { ReaderError } from '../../../native/id-reader/errors';
import { PrintError } from '../../../native/printer/errors';
import { AppError } from '../../../electron/api/errors';
import { INTERNAL_ERROR, toApiError } from '../../../electron/api/public-error';
import { CaseError } from '../../../electron/services/cases/errors';
import { cacheTooOld, LicenseError } from '../../../electron/services/licenses/errors';
import { RegistryError } from '../../../electron/services/registry/errors';

describe('toApiError', () => {
  it('a domain error keeps its code, parameters and field', () => {
    expect(
      toApiError(new PrintError('PRINTER_NOT_FOUND', { params: { printer: 'HP_A4' }, detail: 'gone' })),
    ).toMatchObject({ code: 'PRINTER_NOT_FOUND', params: { printer: 'HP_A4' } });
    expect(toApiError(new CaseError('CASE_INPUT_INVALID', 'name is required.', 'name'))).toMatchObject({
      code: 'CASE_INPUT_INVALID',
      field: 'name',
    });
    expect(toApiError(new AppError('AUTH_THROTTLED', 'wait', { params: { seconds: 30 } }))).toMatchObject({
      code: 'AUTH_THROTTLED',
      params: { seconds: 30 },
    });
    expect(toApiError(new ReaderError('REPLY_STATUS', 'sw3', { sw3: 0x41 }))).toMatchObject({
      code: 'REPLY_STATUS',
      params: { sw3: '41' },
    });
    expect(toApiError(new RegistryError('REGISTRY_TIMEOUT', 'slow'))).toMatchObject({ code: 'REGISTRY_TIMEOUT' });
    expect(
      toApiError(new LicenseError(cacheTooOld('104001', '2026-01-01T00:00:00Z', 30 * 3_600_000, 24 * 3_600_000))),
    ).toMatchObject({
      code: 'CACHE_TOO_OLD',
      params: { type: '104001', ageHours: 30, maxAgeHours: 24 },
    });
  });

  it('anything that is not a domain error becomes INTERNAL, whatever its code looks like', () => {
    // The old prefix regex let these through with their message (paths, SQL) intact.
    const lookalikes: unknown[] = [
      Object.assign(new Error('SQLITE_CONSTRAINT: UNIQUE constraint failed: cases.serial'), { code: 'CASE_NOT_FOUND' }),
      { code: 'PRINTER_OFFLINE', message: '/home/clerk/.config/secret' },
      Object.assign(new Error('ENOENT: /etc/counter/key'), { code: 'ENOENT' }),
      new TypeError('x is undefined'),
      'a string',
      null,
    ];
    for (const e of lookalikes) expect(toApiError(e)).toEqual(INTERNAL_ERROR);
  });

  it('a domain error with a code no table knows is INTERNAL too, so no text is ever missing on the page', () => {
    expect(toApiError(new AppError('NOT_A_CODE' as never, 'x'))).toEqual(INTERNAL_ERROR);
  });

  it('parameters cross only as strings and numbers', () => {
    const e = new AppError('CATALOG_ITEM_NOT_FOUND', 'x', {
      params: { code: 'qjny', leak: { stack: 'at …' } as never },
    });
    expect(toApiError(e).params).toEqual({ code: 'qjny' });
  });
});
