import { Alert, Button, Modal, Select, Space, Switch, Table, Tag } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OpResult } from '../../../electron/api/contract';
import type { Role } from '../../../electron/api/types';
import { call } from '../api/client';
import { AccountForm, ROLE_OPTIONS, type AccountFormValues } from './AccountForm';
import { authErrorText } from './errors';

type Account = OpResult<'accounts.list'>[number];

/** Administrator: the accounts on this terminal; create, change roles, disable, reset password. */
export function AccountsAdmin({ self }: { self: string }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  const [rows, setRows] = useState<Account[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [form, setForm] = useState<{ mode: 'create' | 'reset'; userId?: string } | null>(null);

  const run = useCallback(async (fn: () => Promise<unknown>) => {
    setError(null);
    try {
      await fn();
      setRows(await call('accounts.list', {}));
    } catch (err) {
      setError(authErrorText(err));
    }
  }, []);

  useEffect(() => {
    if (open) void run(async () => undefined);
  }, [open, run]);

  const submit = async (v: AccountFormValues) => {
    await run(() =>
      form?.mode === 'create'
        ? call('accounts.create', v)
        : call('accounts.resetPassword', { userId: form!.userId!, temporaryPassword: v.temporaryPassword }),
    );
    setForm(null);
  };

  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="accounts-admin">
        {t('auth.accounts')}
      </Button>
      <Modal
        open={open}
        width={900}
        title={t('auth.accounts')}
        footer={null}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <Space direction="vertical" style={{ width: '100%' }}>
          <Button type="primary" onClick={() => setForm({ mode: 'create' })} data-testid="account-create">
            {t('auth.createAccount')}
          </Button>
          {error && <Alert type="error" showIcon title={error} />}
          <Table
            size="small"
            rowKey="userId"
            dataSource={rows}
            pagination={false}
            columns={[
              {
                title: t('auth.userId'),
                dataIndex: 'userId',
                render: (v: string, r) => (
                  <Space>
                    {v}
                    {r.demo && <Tag color="orange">{t('auth.demoTag')}</Tag>}
                    {r.mustChangePassword && <Tag>{t('auth.mustChange')}</Tag>}
                  </Space>
                ),
              },
              { title: t('auth.displayName'), dataIndex: 'displayName' },
              {
                title: t('auth.roles'),
                dataIndex: 'roles',
                render: (roles: Role[], r) => (
                  <Select<Role[]>
                    mode="multiple"
                    size="small"
                    style={{ minWidth: 220 }}
                    value={roles}
                    disabled={r.userId === self}
                    options={ROLE_OPTIONS.map((o) => ({ value: o, label: t(`auth.role_${o}`) }))}
                    onChange={(next) =>
                      next.length && void run(() => call('accounts.setRoles', { userId: r.userId, roles: next }))
                    }
                  />
                ),
              },
              {
                title: t('auth.enabled'),
                dataIndex: 'disabled',
                render: (disabled: boolean, r) => (
                  <Switch
                    size="small"
                    checked={!disabled}
                    disabled={r.userId === self}
                    onChange={(on) => void run(() => call('accounts.disable', { userId: r.userId, disabled: !on }))}
                  />
                ),
              },
              {
                title: t('auth.lastSignIn'),
                dataIndex: 'lastSignInAt',
                render: (v: string | null) => (v ? new Date(v).toLocaleString() : '—'),
              },
              {
                title: '',
                key: 'reset',
                render: (_v, r) =>
                  r.demo ? null : (
                    <Button size="small" onClick={() => setForm({ mode: 'reset', userId: r.userId })}>
                      {t('auth.reset')}
                    </Button>
                  ),
              },
            ]}
          />
        </Space>
      </Modal>
      {form && <AccountForm mode={form.mode} userId={form.userId} onSubmit={submit} onCancel={() => setForm(null)} />}
    </>
  );
}
