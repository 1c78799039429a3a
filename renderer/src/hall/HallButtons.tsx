import { Alert, Button, Descriptions, Form, Input, Modal, Popconfirm, Space, Spin, message } from 'antd';
import { lazy, Suspense, useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallLinkState, SessionInfo } from '../../../electron/api/types';
import { call } from '../api/client';
import { authErrorText } from '../auth/errors';

// ECharts loads with the screen, not with the app: start-up stays as fast as before.
const HallStats = lazy(() => import('./HallStats').then((m) => ({ default: m.HallStats })));

/** The statistics screen: hall-wide for a supervisor, a clerk's own numbers for today. */
export function HallStatsButton({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const roles = session.roles;
  if (!roles.some((r) => r === 'clerk' || r === 'station' || r === 'supervisor')) return null;
  const supervisor = roles.includes('supervisor');
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="hall-stats-open">
        {t(supervisor ? 'hallStats.title' : 'hallStats.mine')}
      </Button>
      <Modal
        open={open}
        onCancel={() => setOpen(false)}
        footer={null}
        width="96vw"
        style={{ top: 12 }}
        title={t(supervisor ? 'hallStats.title' : 'hallStats.mine')}
        destroyOnHidden
      >
        <Suspense fallback={<Spin />}>{open && <HallStats supervisor={supervisor} />}</Suspense>
      </Modal>
    </>
  );
}

/** Administrator: pair this terminal with the hall (URL + one-time code), see the link, unpair. */
export function HallLinkButton() {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [state, setState] = useState<HallLinkState | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [toast, holder] = message.useMessage();
  const refresh = useCallback(() => {
    call('hall.link', {})
      .then((s) => {
        setState(s);
        setError(null);
      })
      .catch(setError);
  }, []);
  useEffect(() => {
    if (open) refresh();
  }, [open, refresh]);
  const pair = async (v: { url: string; code: string }) => {
    setBusy(true);
    try {
      setState(await call('hall.pair', v));
      setError(null);
      void toast.success(t('hallLink.paired'));
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  const unpair = async () => {
    try {
      setState(await call('hall.unpair', {}));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <>
      {holder}
      <Button size="small" onClick={() => setOpen(true)} data-testid="hall-link-open">
        {t('hallLink.title')}
      </Button>
      <Modal open={open} onCancel={() => setOpen(false)} footer={null} title={t('hallLink.title')} destroyOnHidden>
        <Space orientation="vertical" style={{ width: '100%' }}>
          {state?.paired ? (
            <>
              <Descriptions size="small" column={1} bordered data-testid="hall-link-state">
                <Descriptions.Item label={t('hallLink.url')}>{state.url}</Descriptions.Item>
                <Descriptions.Item label={t('hallLink.terminal')}>{state.terminalId}</Descriptions.Item>
                <Descriptions.Item label={t('hallLink.pairedAt')}>
                  {state.pairedAt && new Date(state.pairedAt).toLocaleString()} ({state.pairedBy})
                </Descriptions.Item>
                <Descriptions.Item label={t('hallLink.pending')}>{state.pending}</Descriptions.Item>
                {state.lastError && (
                  <Descriptions.Item label={t('hallLink.lastError')}>{state.lastError}</Descriptions.Item>
                )}
              </Descriptions>
              <Popconfirm title={t('hallLink.unpairConfirm')} onConfirm={() => void unpair()}>
                <Button danger data-testid="hall-unpair">
                  {t('hallLink.unpair')}
                </Button>
              </Popconfirm>
            </>
          ) : (
            <Form layout="vertical" onFinish={(v: { url: string; code: string }) => void pair(v)}>
              <Alert type="info" showIcon title={t('hallLink.notPaired')} style={{ marginBottom: 12 }} />
              <Form.Item name="url" label={t('hallLink.url')} rules={[{ required: true, message: t('auth.required') }]}>
                <Input placeholder="http://hall.example:8700" data-testid="hall-url" />
              </Form.Item>
              <Form.Item
                name="code"
                label={t('hallLink.code')}
                rules={[{ required: true, message: t('auth.required') }]}
              >
                <Input inputMode="numeric" maxLength={12} data-testid="hall-code" />
              </Form.Item>
              <Button type="primary" htmlType="submit" loading={busy} data-testid="hall-pair">
                {t('hallLink.pair')}
              </Button>
            </Form>
          )}
          {error ? <Alert type="error" showIcon title={authErrorText(error)} data-testid="hall-link-error" /> : null}
        </Space>
      </Modal>
    </>
  );
}
