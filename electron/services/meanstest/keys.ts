/** The seven economic sources by key (resources/meanstest/sources.json); no Node imports, the renderer reads these types. */
export const SOURCE_KEYS = [
  'housing_fund',
  'property',
  'vehicle',
  'social_security',
  'business',
  'tax',
  'deposit',
] as const;
export type SourceKey = (typeof SOURCE_KEYS)[number];
