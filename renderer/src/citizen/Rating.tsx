import { useEffect, useState } from 'react';
import { call, ApiCallError } from '../api/client';
import { i18n } from '../i18n';
import { CITIZEN_TEXTS, REASON_CODES, type CitizenLang } from './texts';

type Level = 1 | 2 | 3 | 4 | 5;
const SUBS = ['efficiency', 'competence', 'attitude'] as const;

/** 好差评: five levels, three sub-ratings, reasons and text required for the two bad levels. Nothing is preselected. */
export function Rating({ lang, until }: { lang: CitizenLang; until?: string | undefined }) {
  const t = CITIZEN_TEXTS[lang];
  const left = useSecondsLeft(until);
  const [level, setLevel] = useState<Level | null>(null);
  const [sub, setSub] = useState<Partial<Record<(typeof SUBS)[number], Level>>>({});
  const [reasons, setReasons] = useState<string[]>([]);
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  const bad = level !== null && level >= 4;
  const complete = level !== null && SUBS.every((s) => sub[s]) && (!bad || (reasons.length > 0 && text.trim()));

  const submit = async () => {
    if (!level || !complete) return;
    try {
      await call('citizen.rate', {
        level,
        sub: { efficiency: sub.efficiency!, competence: sub.competence!, attitude: sub.attitude! },
        reasons: bad ? reasons : [],
        text: bad ? text : '',
      });
    } catch (e) {
      setError(e instanceof ApiCallError ? i18n.getFixedT(lang)(`errors.${e.code}`) : String(e));
    }
  };

  const levels = (value: Level | undefined, pick: (l: Level) => void, name: string) => (
    <div className="cz-levels" role="radiogroup" aria-label={name}>
      {t.levels.map((label, i) => (
        <button
          key={label}
          type="button"
          role="radio"
          aria-checked={value === i + 1}
          className={`cz-big ${value === i + 1 ? 'cz-on' : ''}`}
          onClick={() => pick((i + 1) as Level)}
        >
          {label}
        </button>
      ))}
    </div>
  );

  return (
    <section className="cz-rating" data-testid="cz-rating">
      <h2>
        {t.rate}
        {left !== null && <span className="cz-left"> {t.until.replace('{{n}}', String(left))}</span>}
      </h2>
      {levels(level ?? undefined, setLevel, t.rate)}
      {SUBS.map((s) => (
        <div key={s}>
          <h3>{t.sub[s]}</h3>
          {levels(sub[s], (l) => setSub({ ...sub, [s]: l }), t.sub[s])}
        </div>
      ))}
      {bad && (
        <div className="cz-reasons">
          <h3>{t.reasonsTitle}</h3>
          {t.reasons.map((label, i) => {
            const code = REASON_CODES[i]!;
            const on = reasons.includes(code);
            return (
              <button
                key={code}
                type="button"
                aria-pressed={on}
                className={`cz-big ${on ? 'cz-on' : ''}`}
                onClick={() => setReasons(on ? reasons.filter((r) => r !== code) : [...reasons, code])}
              >
                {label}
              </button>
            );
          })}
          <textarea
            aria-label={t.textPlaceholder}
            placeholder={t.textPlaceholder}
            value={text}
            maxLength={500}
            onChange={(e) => setText(e.target.value)}
          />
        </div>
      )}
      {error && <p role="alert">{error}</p>}
      <button type="button" className="cz-big cz-submit" disabled={!complete} onClick={() => void submit()}>
        {t.submit}
      </button>
    </section>
  );
}

/** The seconds until the prompt gives up (the server decides; this only tells the citizen). */
function useSecondsLeft(until: string | undefined): number | null {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(id);
  }, []);
  return until ? Math.max(0, Math.round((Date.parse(until) - now) / 1000)) : null;
}
