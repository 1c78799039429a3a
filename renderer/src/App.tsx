import { Button, ConfigProvider, Layout, Typography, type ThemeConfig } from 'antd';
import enUS from 'antd/locale/en_US';
import zhCN from 'antd/locale/zh_CN';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, Language } from '../../electron/api/types';
import { call } from './api/client';
import { AuthGate } from './auth';
import { HelpOverlay } from './components/HelpOverlay';
import { StatusBar } from './components/StatusBar';
import { TrainingBanner } from './components/TrainingBanner';
import { WorkArea } from './components/WorkArea';
import { useStatus } from './hooks/useStatus';
import { setLanguage } from './i18n';
import { useShortcuts } from './shortcuts';

// Styles come from antd's prebuilt stylesheet (main.tsx) instead of being generated at run time,
// which took ~80 ms of the first render of the case screen. Chinese faces lead the font list:
// antd's default stack names none, so Chinese text fell back to whatever face the system picked.
// The last named face is the project's own font, shipped as a web font (scripts/webfont): fetched
// only on a machine where none of the system faces before it has the character.
const FONT =
  '"PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", "WenQuanYi Micro Hei", -apple-system, "Segoe UI", Roboto, Arial, "Counter WenQuanYi Micro Hei", sans-serif';
const FONT_CODE =
  'Consolas, "DejaVu Sans Mono", "Liberation Mono", Menlo, "WenQuanYi Micro Hei Mono", "Counter WenQuanYi Micro Hei", monospace';
const THEME: ThemeConfig = {
  zeroRuntime: true,
  token: { colorPrimary: '#b71c1c', borderRadius: 4, fontFamily: FONT, fontFamilyCode: FONT_CODE },
};

export function App() {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo | null>(null);
  const [help, setHelp] = useState(false);
  const { status, hostDown } = useStatus();
  const lang = i18n.language as Language;

  useEffect(() => {
    call('app.info', {})
      .then(async (i) => {
        setInfo(i);
        await setLanguage(i.language);
      })
      .catch(() => undefined);
  }, []);

  const toggleLanguage = useCallback(() => {
    const next: Language = lang === 'zh-CN' ? 'en' : 'zh-CN';
    void setLanguage(next);
    void call('prefs.setLanguage', { language: next }).catch(() => undefined);
  }, [lang]);

  useShortcuts(useMemo(() => ({ F1: () => setHelp((h) => !h), 'Alt+L': toggleLanguage }), [toggleLanguage]));

  return (
    <ConfigProvider locale={lang === 'en' ? enUS : zhCN} theme={THEME}>
      <Layout className="app">
        {info?.mode === 'training' && <TrainingBanner />}
        <Layout.Header className="app-header">
          <Typography.Title level={4} className="app-title">
            {t('app.title')}
          </Typography.Title>
          <Button onClick={toggleLanguage} data-testid="lang-switch" title="Alt+L">
            {t('lang.switchTo')}
          </Button>
        </Layout.Header>
        <Layout.Content className="app-content">
          <AuthGate>
            {(session) => (
              <WorkArea
                key={session.userId}
                training={info?.mode === 'training'}
                cases={session.cases}
                station={session.roles.includes('station')}
              />
            )}
          </AuthGate>
        </Layout.Content>
        <Layout.Footer className="app-footer">
          <StatusBar info={info} status={status} hostDown={hostDown} />
        </Layout.Footer>
        <HelpOverlay open={help} onClose={() => setHelp(false)} />
      </Layout>
    </ConfigProvider>
  );
}
