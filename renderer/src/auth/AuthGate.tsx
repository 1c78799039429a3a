import { Result, Spin } from 'antd';
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ReaderDevicesButton } from '../components/ReaderDevices';
import type { SessionInfo } from '../../../electron/api/types';
import { AccountsAdmin } from './AccountsAdmin';
import { BatchButton } from '../batch/BatchButton';
import { AuditTools } from './AuditTools';
import { HallLinkButton, HallStatsButton } from '../hall/HallButtons';
import { BadRatingsButton } from '../supervisor/BadRatings';
import { HallKeyExport } from './HallKeyExport';
import { ChangePassword } from './ChangePassword';
import { IdleCountdown } from './IdleCountdown';
import { LockScreen } from './LockScreen';
import { SessionBar } from './SessionBar';
import { Setup } from './Setup';
import { SignIn } from './SignIn';
import { useAuth } from './useAuth';

/**
 * Renders its children (the work area) only for a signed-in, unlocked session that needs no
 * password change. Locking unmounts them, so whatever citizen data they held is gone from the
 * page, not just hidden; the server refuses data operations while locked as well.
 */
export function AuthGate({ children }: { children: ReactNode | ((session: SessionInfo) => ReactNode) }) {
  const { t } = useTranslation();
  const { setup, session, failed, refresh } = useAuth();
  const [changing, setChanging] = useState(false);

  if (session === undefined) {
    return failed ? (
      <Result status="warning" title={t('auth.unreachable')} />
    ) : (
      <Spin style={{ display: 'block', margin: 48 }} />
    );
  }
  if (!session) return setup?.needsSetup ? <Setup onDone={refresh} /> : <SignIn setup={setup} />;
  if (session.locked) return <LockScreen session={session} />;
  if (session.mustChangePassword) return <ChangePassword forced />;
  if (changing) return <ChangePassword forced={false} onDone={() => setChanging(false)} />;
  return (
    <>
      <IdleCountdown idleLockSeconds={session.idleLockSeconds ?? 300} />
      <SessionBar
        session={session}
        onChangePassword={() => setChanging(true)}
        extra={
          <>
            {session.roles.includes('admin') && <AccountsAdmin self={session.userId} />}
            {session.roles.includes('admin') && <HallKeyExport />}
            {session.roles.includes('admin') && <ReaderDevicesButton />}
            <AuditTools session={session} />
            <HallStatsButton session={session} />
            {session.roles.includes('admin') && <HallLinkButton />}
            <BatchButton session={session} />
            {session.roles.includes('supervisor') && <BadRatingsButton />}
          </>
        }
      />
      {typeof children === 'function' ? children(session) : children}
    </>
  );
}
