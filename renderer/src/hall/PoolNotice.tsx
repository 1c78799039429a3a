import { Alert } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HallPrefillSource } from '../../../electron/api/types';
import { call } from '../api/client';

/**
 * Says where the earlier-case values of this form came from: the hall's shared pool, or only this
 * terminal's (and why), so the clerk knows a value from another window may be missing.
 */
export function PoolNotice({ caseId, form }: { caseId: string; form: unknown }) {
  const { t } = useTranslation();
  const [s, setS] = useState<HallPrefillSource | null>(null);
  useEffect(() => {
    call('hall.prefillSource', { caseId })
      .then(setS)
      .catch(() => setS(null));
  }, [caseId, form]);
  if (!s) return null;
  if (s.source === 'hall')
    return (
      <Alert
        type="success"
        showIcon
        title={t('hallPool.fromHall', { count: s.found })}
        data-testid="pool-notice"
        data-source="hall"
        style={{ margin: '6px 0' }}
      />
    );
  return (
    <Alert
      type="warning"
      showIcon
      title={t(`hallPool.local_${s.reason}`)}
      data-testid="pool-notice"
      data-source="local"
      style={{ margin: '6px 0' }}
    />
  );
}
