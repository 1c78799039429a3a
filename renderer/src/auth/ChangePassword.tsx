import { Alert, Button, Form, Input, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { AuthCard } from './AuthCard';
import { useSubmit } from './useSubmit';
import { PasswordPair } from './Setup';

interface Values {
  currentPassword: string;
  newPassword: string;
}

/** Forced after an admin created or reset the account; optional from the session bar otherwise. */
export function ChangePassword({ forced, onDone }: { forced: boolean; onDone?(): void }) {
  const { t } = useTranslation();
  const { submit, busy, error } = useSubmit(async (v: Values) => {
    await call('auth.changePassword', { currentPassword: v.currentPassword, newPassword: v.newPassword });
    onDone?.();
  });

  return (
    <AuthCard title={t('auth.changeTitle')} hint={forced ? t('auth.changeForced') : undefined} testId="change-password">
      <Form layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
        <Form.Item
          name="currentPassword"
          label={t(forced ? 'auth.temporaryPassword' : 'auth.currentPassword')}
          rules={[{ required: true, message: t('auth.required') }]}
        >
          <Input.Password autoFocus data-testid="current-password" />
        </Form.Item>
        <PasswordPair name="newPassword" />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Space style={{ width: '100%', justifyContent: 'space-between' }}>
          <Button onClick={() => (forced ? void call('auth.signOut', {}) : onDone?.())}>
            {forced ? t('auth.signOut') : t('auth.cancel')}
          </Button>
          <Button type="primary" htmlType="submit" loading={busy} data-testid="change-submit">
            {t('auth.change')}
          </Button>
        </Space>
      </Form>
    </AuthCard>
  );
}
