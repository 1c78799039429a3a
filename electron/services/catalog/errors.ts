import { AppError } from '../errors';

export type CatalogErrorCode = 'CATALOG_READ_FAILED' | 'CATALOG_INVALID' | 'CATALOG_EMPTY' | 'CATALOG_DUPLICATE_CODE' | 'CATALOG_ITEM_NOT_FOUND' | 'CATALOG_NO_CERTIFICATE';

export class CatalogError extends AppError {
  declare readonly code: CatalogErrorCode;
  constructor(code: CatalogErrorCode, message: string) {
    super(code, message);
    this.name = 'CatalogError';
  }
}
