import type { Bilingual } from '../../api/types';

/** The five levels of GB/T 39734-2020, best first; 4 and 5 are the bad ratings that need a reason. */
export const RATING_LEVELS = [1, 2, 3, 4, 5] as const;
export type RatingLevel = (typeof RATING_LEVELS)[number];
export const BAD_LEVELS: readonly RatingLevel[] = [4, 5];
export const SUB_RATINGS = ['efficiency', 'competence', 'attitude'] as const;
export type SubRating = (typeof SUB_RATINGS)[number];

/** What the citizen's screen shows; built from the clerk's case, never from the clerk's page. */
export interface CitizenView {
  rev: number;
  state: 'idle' | 'case' | 'rating' | 'thanks';
  /** For a few seconds after a rating prompt ends: thanked, or told no rating was recorded. */
  ended?: 'rated' | 'not-rated';
  counter: {
    hall: string;
    window: string;
    clerk?: { name: string; staffNo?: string; photo?: string };
  };
  case?: {
    /** The citizen's name with all but the first and last character hidden. */
    name: string;
    numberMasked: string;
    item?: { code: string; names: Bilingual };
    checks: { label: Bilingual; sentence: Bilingual; result: 'passed' | 'failed' | 'unknown' }[];
    /** 免提交: materials the citizen did not have to bring, from the item's `exempts`. */
    exempts: Bilingual[];
    /** The document is ready to confirm and sign (checks allow it, or it was generated). */
    confirm: boolean;
  };
  /**
   * The document the citizen is asked to sign now (services/signature), or that they signed:
   * `hash` goes back with citizen.sign so a changed document is never signed unseen.
   */
  sign?: {
    hash: string;
    title: Bilingual;
    signer: Bilingual;
    rows: { label: Bilingual; value: string }[];
    state: 'pending' | 'signed';
    /** Where the citizen signs: on this screen, or on the HID pad (the screen only confirms). */
    pad: 'touch' | 'hid';
  };
  /** Present while a rating is asked for: the case it is about and when the prompt gives up. */
  rating?: { caseId: string; until: string };
}

export interface RatingInput {
  caseId: string;
  level: RatingLevel;
  sub: Record<SubRating, RatingLevel>;
  reasons: string[];
  text?: string;
}

/** What the clerk's page may know of a rating: whether there is one, never the score. */
export interface RatingStateView {
  state: 'none' | 'asked' | 'rated' | 'not-rated';
}

export interface FollowUpView {
  kind: 'verify' | 'rectify' | 'callback' | 'close';
  note: string;
  by: string;
  at: string;
}

/** One bad rating on the supervisor's list. */
export interface BadRatingView {
  id: number;
  caseId: string;
  itemCode: string;
  itemName: string;
  clerk: { staffNo: string; name: string };
  level: 4 | 5;
  reasons: string[];
  text: string;
  ratedAt: string;
  deadline: string;
  overdue: boolean;
  closed: boolean;
  followUps: FollowUpView[];
}

export interface BadRatingsView {
  ratings: BadRatingView[];
  byClerk: { staffNo: string; name: string; count: number }[];
  byItem: { itemCode: string; itemName: string; count: number }[];
}
