/** Codes of the terminal's hall link; the renderer words each (errors.<CODE>). */
export const HALL_ERRORS = {
  /** The one-time code was wrong, used or expired. */
  HALL_PAIRING_REFUSED: [],
  /** The hall server did not answer (address, network, or it is down). */
  HALL_UNREACHABLE: [],
  /** This terminal is not paired with a hall (an admin pairs it under Settings → Hall). */
  HALL_NOT_PAIRED: [],
  /** The hall refused this terminal's signed call: revoked, or its clock is far off. */
  HALL_REFUSED: ['reason'],
} as const satisfies Record<string, readonly string[]>;
