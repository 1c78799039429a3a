import { Button, Drawer } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../electron/api/types';
import { BatchScreen } from './BatchScreen';

/** Station staff and supervisors: the batch checks of applicant lists, in a drawer over the work area. */
export function BatchButton({ session }: { session: SessionInfo }) {
  const { t } = useTranslation();
  const [open, setOpen] = useState(false);
  if (!session.roles.some((r) => r === 'station' || r === 'supervisor')) return null;
  return (
    <>
      <Button size="small" onClick={() => setOpen(true)} data-testid="batch-open">
        {t('batch.title')}
      </Button>
      <Drawer open={open} onClose={() => setOpen(false)} title={t('batch.title')} width="92%" destroyOnHidden>
        <BatchScreen />
      </Drawer>
    </>
  );
}
