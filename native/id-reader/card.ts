import type { CodeLabel } from './text/codes';

export type { CodeLabel };

export type CardKind = 'resident' | 'hmt_permit' | 'foreign_2017' | 'foreign_2023';

export type CardWarningCode =
  | 'EXPIRED'
  | 'NOT_YET_VALID'
  | 'BAD_CHECK_DIGIT'
  | 'BAD_NUMBER_FORMAT'
  | 'BAD_DATE'
  | 'UNKNOWN_SEX'
  | 'UNKNOWN_NATION'
  | 'BIRTH_MISMATCH'
  | 'SEX_MISMATCH'
  | 'EMPTY_NAME';

/** Every warning code, so the page's texts (cardWarning.<CODE>) can be checked for all of them. */
export const CARD_WARNINGS = [
  'EXPIRED',
  'NOT_YET_VALID',
  'BAD_CHECK_DIGIT',
  'BAD_NUMBER_FORMAT',
  'BAD_DATE',
  'UNKNOWN_SEX',
  'UNKNOWN_NATION',
  'BIRTH_MISMATCH',
  'SEX_MISMATCH',
  'EMPTY_NAME',
] as const satisfies readonly CardWarningCode[];

export interface CardWarning {
  code: CardWarningCode;
  /** English, for logs; the page words the code. */
  message: string;
}

/**
 * The text face of any supported card, normalised. Holds no photo or fingerprint bytes, so it
 * can be logged, stored or sent to the renderer as is.
 */
export interface Card {
  kind: CardKind;
  /** Chinese name; for foreign cards without one, the English name. */
  name: string;
  nameEn?: string;
  sex: CodeLabel;
  nation?: CodeLabel;
  /** 'YYYY-MM-DD' (raw text when the card holds an invalid date, with a BAD_DATE warning). */
  birth: string;
  address?: string;
  /** Document number: citizen ID number, or the foreign permanent resident card number. */
  number: string;
  authority?: string;
  validFrom: string;
  validTo: string | 'long-term';
  /** Per-kind fields: hmt_permit passNumber, issueCount; foreign nationality, cardVersion, authorityCode, renewalCount, previousNumberLink. */
  extra: Record<string, string>;
  warnings: CardWarning[];
}

/** Input for the encoder and the simulator: codes instead of labels, no derived warnings. */
export interface CardFields {
  kind: CardKind;
  name: string;
  nameEn?: string;
  sex: string;
  nation?: string;
  birth: string;
  address?: string;
  number: string;
  authority?: string;
  validFrom: string;
  validTo: string | 'long-term';
  extra?: Record<string, string>;
}

// Outside the object, so no enumeration, spread, clone or inspect can reach the bytes.
const BIOMETRICS = new WeakMap<CardRead, Biometrics>();

interface Biometrics {
  photo: Uint8Array;
  fingerprint?: Uint8Array;
}

/**
 * One read of a card. The WLT photo and fingerprint bytes live only here, in memory: they are
 * reachable through getters but are not properties of the object, so JSON.stringify, structured
 * clone over IPC, spread and console.log all leave them out.
 */
export class CardRead {
  readonly card: Card;
  // declare: no own property unless there is an added address, so spread/JSON stay minimal
  declare readonly addedAddress?: string;

  constructor(card: Card, bio: Biometrics, addedAddress?: string) {
    this.card = card;
    if (addedAddress !== undefined) this.addedAddress = addedAddress;
    BIOMETRICS.set(this, bio);
  }

  private get bio(): Biometrics {
    return BIOMETRICS.get(this)!;
  }

  get photo(): Uint8Array {
    return this.bio.photo;
  }

  get fingerprint(): Uint8Array | undefined {
    return this.bio.fingerprint;
  }

  /** Zeroes the biometric bytes once the caller is done with them. */
  wipe(): void {
    this.bio.photo.fill(0);
    this.bio.fingerprint?.fill(0);
  }

  toJSON(): { card: Card; addedAddress?: string; hasPhoto: boolean; hasFingerprint: boolean } {
    return {
      card: this.card,
      ...(this.addedAddress === undefined ? {} : { addedAddress: this.addedAddress }),
      hasPhoto: this.bio.photo.length > 0,
      hasFingerprint: (this.bio.fingerprint?.length ?? 0) > 0,
    };
  }

  [Symbol.for('nodejs.util.inspect.custom')](): unknown {
    return { CardRead: this.toJSON() };
  }
}
