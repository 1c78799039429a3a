import { LockOutlined, LogoutOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Space, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../electron/api/types';
import { call } from '../api/client';

/** Who is signed in, and the two buttons a clerk walking away needs: lock and sign out. */
export function SessionBar({
  session,
  onChangePassword,
  extra,
}: {
  session: SessionInfo;
  onChangePassword(): void;
  extra?: React.ReactNode;
}) {
  const { t } = useTranslation();
  return (
    <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }} data-testid="session-bar">
      <Space wrap>
        <UserOutlined />
        <Typography.Text strong data-testid="session-user">
          {session.displayName}
        </Typography.Text>
        {session.roles.map((r) => (
          <Tag key={r}>{t(`auth.role_${r}`)}</Tag>
        ))}
        {session.demo && <Tag color="orange">{t('auth.demoTag')}</Tag>}
        {extra}
        <Button size="small" onClick={onChangePassword} disabled={session.demo}>
          {t('auth.changeTitle')}
        </Button>
        <Button size="small" icon={<LockOutlined />} onClick={() => void call('auth.lock', {})} data-testid="lock-now">
          {t('auth.lock')}
        </Button>
        <Button
          size="small"
          icon={<LogoutOutlined />}
          onClick={() => void call('auth.signOut', {})}
          data-testid="sign-out"
        >
          {t('auth.signOut')}
        </Button>
      </Space>
    </div>
  );
}
