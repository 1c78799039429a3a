import { Alert, Button, Form, Input } from 'antd';
import { useTranslation } from 'react-i18next';
import { call } from '../api/client';
import { AuthCard } from './AuthCard';
import { useSubmit } from './useSubmit';

interface Values {
  userId: string;
  displayName: string;
  password: string;
  confirm: string;
}

/** First run of a production terminal: the administrator is created here; there is no default account. */
export function Setup({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const { submit, busy, error } = useSubmit(async (v: Values) => {
    await call('auth.setupAdmin', { userId: v.userId, displayName: v.displayName, password: v.password });
    onDone();
  });

  return (
    <AuthCard title={t('auth.setupTitle')} hint={t('auth.setupHint')} testId="setup">
      <Form layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
        <Form.Item
          name="userId"
          label={t('auth.userId')}
          extra={t('auth.userIdRule')}
          rules={[{ required: true, message: t('auth.required') }]}
        >
          <Input autoFocus autoCapitalize="off" spellCheck={false} data-testid="setup-user" />
        </Form.Item>
        <Form.Item
          name="displayName"
          label={t('auth.displayName')}
          rules={[{ required: true, message: t('auth.required') }]}
        >
          <Input data-testid="setup-name" />
        </Form.Item>
        <PasswordPair />
        {error && <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} />}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="setup-submit">
          {t('auth.setupSubmit')}
        </Button>
      </Form>
    </AuthCard>
  );
}

/** New password twice, with the policy shown up front rather than after a refusal. */
export function PasswordPair({ name = 'password' }: { name?: string }) {
  const { t } = useTranslation();
  return (
    <>
      <Form.Item
        name={name}
        label={t('auth.newPassword')}
        extra={t('auth.passwordRule')}
        rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}
      >
        <Input.Password data-testid="new-password" />
      </Form.Item>
      <Form.Item
        name="confirm"
        label={t('auth.confirmPassword')}
        dependencies={[name]}
        rules={[
          { required: true, message: t('auth.required') },
          ({ getFieldValue }) => ({
            validator: (_r, v) =>
              v === getFieldValue(name) ? Promise.resolve() : Promise.reject(new Error(t('auth.mismatch'))),
          }),
        ]}
      >
        <Input.Password data-testid="confirm-password" />
      </Form.Item>
    </>
  );
}
