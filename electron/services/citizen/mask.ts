/** 张建国 -> 张*国, 李四 -> 李*: enough for the citizen to recognise, too little for an onlooker. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}

/**
 * Every occurrence of the full name in a sentence shown to the citizen (a check may say "张建国
 * holds…"), masked; the names of others are the rules' wording and are not known here.
 */
export function maskNameIn(text: string, name: string): string {
  return maskLongNumbers(name.length > 1 ? text.split(name).join(maskName(name)) : text);
}

/**
 * Runs of 15 or more digits (an ID number, a certificate number built on one, a bank card) keep
 * their first 6 and last 4 digits, as the card's number does; onlookers see no whole number.
 */
export function maskLongNumbers(text: string): string {
  return text.replace(/\d{15,}[\dXx]?/g, (n) => `${n.slice(0, 6)}${'*'.repeat(n.length - 10)}${n.slice(-4)}`);
}

export const maskBilingual = (b: { zh: string; en: string }, name: string) => ({
  zh: maskNameIn(b.zh, name),
  en: maskNameIn(b.en, name),
});
