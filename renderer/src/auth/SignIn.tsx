import { Alert, Button, Form, Input, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import { call } from '../api/client';
import { AuthCard } from './AuthCard';
import { useSubmit } from './useSubmit';

interface Values {
  userId: string;
  password: string;
}

/** Sign-in; in training mode it also lists the demo accounts and their published password. */
export function SignIn({ setup }: { setup: OpResult<'auth.setupStatus'> | null }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const { submit, busy, error } = useSubmit(
    (v: Values) => call('auth.signIn', v),
    () => form.setFieldValue('password', ''),
  );

  return (
    <AuthCard title={t('auth.signInTitle')} testId="sign-in">
      <Form form={form} layout="vertical" onFinish={submit} autoComplete="off" requiredMark={false}>
        <Form.Item name="userId" label={t('auth.userId')} rules={[{ required: true, message: t('auth.required') }]}>
          <Input autoFocus data-testid="sign-in-user" autoCapitalize="off" spellCheck={false} />
        </Form.Item>
        <Form.Item name="password" label={t('auth.password')} rules={[{ required: true, message: t('auth.required') }]}>
          <Input.Password data-testid="sign-in-password" />
        </Form.Item>
        {error && (
          <Alert type="error" showIcon title={error} style={{ marginBottom: 16 }} data-testid="sign-in-error" />
        )}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
          {t('auth.signIn')}
        </Button>
      </Form>
      {setup?.training && setup.demoAccounts && (
        <div style={{ marginTop: 24 }} data-testid="demo-accounts">
          <Typography.Text strong>{t('auth.demoTitle')}</Typography.Text>
          <Typography.Paragraph type="secondary" style={{ marginBottom: 8 }}>
            {t('auth.demoHint', { password: setup.demoPassword })}
          </Typography.Paragraph>
          <Table
            size="small"
            pagination={false}
            rowKey="userId"
            dataSource={setup.demoAccounts}
            onRow={(r) => ({
              onClick: () => form.setFieldsValue({ userId: r.userId, password: setup.demoPassword ?? '' }),
              style: { cursor: 'pointer' },
            })}
            columns={[
              { title: t('auth.userId'), dataIndex: 'userId' },
              {
                title: t('auth.roles'),
                dataIndex: 'roles',
                render: (roles: string[]) => roles.map((r) => t(`auth.role_${r}`)).join('、'),
              },
            ]}
          />
        </div>
      )}
    </AuthCard>
  );
}
