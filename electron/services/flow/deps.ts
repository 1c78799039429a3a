import type { Catalog } from '../catalog';
import type { HallKey, TrustedHallKey } from '../certificates';
import type { Core } from '../core/core';
import type { RecordCipher } from '../crypto';
import type { DataPool } from '../pool';
import type { CurrentCard } from '../reader/service';

/** Everything the case flow is built from (wiring/cases.ts), held once under one name. */
export interface FlowDeps {
  core: Core;
  catalog: Catalog;
  cipher: RecordCipher;
  /** Signs issued certificates' QR payloads. */
  hallKey: HallKey;
  /** Keys a verified QR code may be signed by (this hall's own first). */
  trusted: () => TrustedHallKey[];
  /** The card on the reader now, if any: a clerk who signs in while it lies there gets a case for it. */
  cardOnReader?: () => CurrentCard | null;
  /** Values confirmed in earlier cases (services/pool); without it forms are prefilled from card, licenses and hall only. */
  pool?: DataPool;
  /** resources/catalog/hall-defaults.json, for form fields whose source is the hall. */
  hallDefaults?: Record<string, string>;
}
