import { Checkbox, Form, Input, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../electron/api/types';

export const ROLE_OPTIONS: Role[] = ['clerk', 'station', 'supervisor', 'admin'];

export interface AccountFormValues {
  userId: string;
  displayName: string;
  roles: Role[];
  temporaryPassword: string;
}

/**
 * Create an account (all fields) or reset a password (only the temporary password). The person
 * must replace the temporary password at first sign-in, so the administrator never knows theirs.
 */
export function AccountForm({
  mode,
  userId,
  onSubmit,
  onCancel,
}: {
  mode: 'create' | 'reset';
  userId?: string;
  onSubmit(v: AccountFormValues): Promise<void>;
  onCancel(): void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AccountFormValues>();
  return (
    <Modal
      open
      title={mode === 'create' ? t('auth.createAccount') : t('auth.resetPasswordFor', { userId })}
      okText={mode === 'create' ? t('auth.create') : t('auth.reset')}
      onOk={() => void form.validateFields().then(onSubmit)}
      onCancel={onCancel}
      destroyOnHidden
    >
      <Form form={form} layout="vertical" autoComplete="off" requiredMark={false} initialValues={{ roles: ['clerk'] }}>
        {mode === 'create' && (
          <>
            <Form.Item
              name="userId"
              label={t('auth.userId')}
              extra={t('auth.userIdRule')}
              rules={[{ required: true, pattern: /^[a-z][a-z0-9._-]{1,31}$/, message: t('auth.userIdRule') }]}
            >
              <Input autoFocus autoCapitalize="off" spellCheck={false} data-testid="account-user" />
            </Form.Item>
            <Form.Item
              name="displayName"
              label={t('auth.displayName')}
              rules={[{ required: true, message: t('auth.required') }]}
            >
              <Input data-testid="account-name" />
            </Form.Item>
            <Form.Item
              name="roles"
              label={t('auth.roles')}
              rules={[{ required: true, type: 'array', min: 1, message: t('auth.required') }]}
            >
              <Checkbox.Group options={ROLE_OPTIONS.map((r) => ({ value: r, label: t(`auth.role_${r}`) }))} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="temporaryPassword"
          label={t('auth.temporaryPassword')}
          extra={t('auth.passwordRule')}
          rules={[{ required: true, min: 8, message: t('auth.passwordRule') }]}
        >
          <Input.Password data-testid="account-password" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
