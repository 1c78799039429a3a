import { LockOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../electron/api/types';
import { call } from '../api/client';
import { AuthCard } from './AuthCard';
import { useSubmit } from './useSubmit';

/**
 * Shown instead of the work area (which is unmounted, so no citizen data stays in the page). Only
 * the signed-in clerk's name is visible; the server refuses data operations until unlock anyway.
 */
export function LockScreen({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<{ password: string }>();
  const { submit, busy, error } = useSubmit(
    ({ password }: { password: string }) => call('auth.unlock', { password }),
    () => form.setFieldValue('password', ''),
  );

  return (
    <AuthCard
      title={t('auth.lockedTitle')}
      hint={t('auth.lockedHint', { name: session.displayName, userId: session.userId })}
      testId="lock-screen"
    >
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.required') }]}>
          <Input.Password autoFocus prefix={<LockOutlined />} data-testid="unlock-password" />
        </Form.Item>
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button onClick={() => void call('auth.signOut', {})} data-testid="lock-sign-out">
            {t('auth.signOutSwitch')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="unlock-submit">
            {t('auth.unlock')}
          </Button>
        </Space>
      </Form>
    </AuthCard>
  );
}
