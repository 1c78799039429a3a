import { AppError, type ErrorParams } from '../errors';

export type CatalogErrorCode =
  | 'CATALOG_READ_FAILED'
  | 'CATALOG_INVALID'
  | 'CATALOG_EMPTY'
  | 'CATALOG_DUPLICATE_CODE'
  | 'CATALOG_ITEM_NOT_FOUND'
  | 'CATALOG_NO_CERTIFICATE';

/** Every code of this domain with the parameters its text uses; the renderer words each (errors.<CODE>). */
export const CATALOG_ERRORS = {
  CATALOG_READ_FAILED: [],
  CATALOG_INVALID: [],
  CATALOG_EMPTY: [],
  CATALOG_DUPLICATE_CODE: [],
  CATALOG_ITEM_NOT_FOUND: ['code'],
  CATALOG_NO_CERTIFICATE: [],
} as const satisfies Record<CatalogErrorCode, readonly string[]>;

export class CatalogError extends AppError {
  declare readonly code: CatalogErrorCode;
  constructor(code: CatalogErrorCode, message: string, params?: ErrorParams) {
    super(code, message, params ? { params } : undefined);
    this.name = 'CatalogError';
  }
}
