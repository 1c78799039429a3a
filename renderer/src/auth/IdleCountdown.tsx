import { Alert } from 'antd';
import { useTranslation } from 'react-i18next';
import { COUNTDOWN_SECONDS, useIdleLock } from './useIdle';

/** A visible warning in the last half minute before the idle lock; any key or mouse move cancels it. */
export function IdleCountdown({ idleLockSeconds }: { idleLockSeconds: number }) {
  const { t } = useTranslation();
  const remaining = useIdleLock(idleLockSeconds);
  // With a short idle limit the warning takes the last half of it, not the whole time.
  if (remaining > Math.min(COUNTDOWN_SECONDS, Math.floor(idleLockSeconds / 2)) || remaining === 0) return null;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="idle-countdown"
      title={t('auth.idleCountdown', { seconds: remaining })}
      style={{ position: 'fixed', top: 12, left: '50%', transform: 'translateX(-50%)', zIndex: 1100, minWidth: 360 }}
    />
  );
}
