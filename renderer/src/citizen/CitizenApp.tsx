import { useEffect, useState } from 'react';
import type { OpResult } from '../../../electron/api/contract';
import { call, subscribe } from '../api/client';
import { Rating } from './Rating';
import { SignatureBox } from './SignatureBox';
import { CITIZEN_TEXTS, type CitizenLang } from './texts';
import './citizen.css';

type CitizenView = OpResult<'citizen.view'>;

const fill = (s: string, n: string) => s.replace('{{n}}', n);

/** The citizen-facing screen: mirrors the counter from citizen.changed; its language is its own. */
export function CitizenApp() {
  const [view, setView] = useState<CitizenView | null>(null);
  const [lang, setLang] = useState<CitizenLang>('zh-CN');
  const t = CITIZEN_TEXTS[lang];
  useEffect(() => {
    // Keep the newest of racing answers: the pushed view and the first fetch.
    const take = (v: CitizenView) => setView((old) => (old && old.rev > v.rev ? old : v));
    const off = subscribe('citizen.changed', take);
    void call('citizen.view', {}).then(take);
    return off;
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);
  if (!view) return null;
  const clerk = view.counter.clerk;
  const c = view.case;
  return (
    <main className="cz" data-state={view.state} data-rev={view.rev}>
      <header className="cz-head">
        <span>{view.counter.hall}</span>
        <span>{fill(t.window, view.counter.window)}</span>
        <button type="button" className="cz-lang" onClick={() => setLang(lang === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t.language}
        </button>
      </header>
      {view.state === 'idle' && (
        <section className="cz-idle" data-testid="cz-idle">
          <h1>{t.welcome}</h1>
          {clerk ? (
            <div className="cz-clerk">
              {clerk.photo && <img src={clerk.photo} alt="" />}
              <p>
                {t.clerk}: {clerk.name}
              </p>
              {clerk.staffNo && (
                <p>
                  {t.staffNo}: {clerk.staffNo}
                </p>
              )}
            </div>
          ) : (
            <p>{t.noClerk}</p>
          )}
        </section>
      )}
      {view.state === 'case' && c && (
        <section className="cz-case" data-testid="cz-case">
          <h2>{t.yourDetails}</h2>
          <p data-testid="cz-name">
            {c.name} {c.numberMasked}
          </p>
          {c.item && (
            <p>
              {t.item}: {lang === 'en' ? c.item.names.en : c.item.names.zh}
            </p>
          )}
          {c.checks.length > 0 && (
            <>
              <h2>{t.checks}</h2>
              <ul>
                {c.checks.map((k) => (
                  <li key={k.label.zh} className={`cz-${k.result}`}>
                    {lang === 'en' ? k.sentence.en : k.sentence.zh} ({t.result[k.result]})
                  </li>
                ))}
              </ul>
            </>
          )}
          {c.item && (
            <>
              <h2>{t.exempts}</h2>
              <ul data-testid="cz-exempts">
                {c.exempts.length ? (
                  c.exempts.map((e) => <li key={e.zh}>{lang === 'en' ? e.en : e.zh}</li>)
                ) : (
                  <li>{t.noExempts}</li>
                )}
              </ul>
            </>
          )}
          {view.sign ? (
            <SignatureBox lang={lang} sign={view.sign} />
          ) : (
            c.confirm && <p className="cz-wait">{t.waitDoc}</p>
          )}
        </section>
      )}
      {view.state === 'rating' && <Rating key={view.rating?.caseId} lang={lang} until={view.rating?.until} />}
      {view.state === 'thanks' && (
        <section className="cz-thanks" data-testid="cz-thanks" data-ended={view.ended}>
          <h1>{view.ended === 'rated' ? t.thanks : t.notRated}</h1>
        </section>
      )}
    </main>
  );
}
