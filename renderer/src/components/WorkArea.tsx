import { IdcardOutlined } from '@ant-design/icons';
import { Button, Result, Space } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionInfo } from '../../../electron/api/types';
import { CaseScreen } from '../case/CaseScreen';
import { InterruptedList } from '../case/InterruptedList';
import { ManualOpenDialog } from '../case/ManualOpenDialog';
import { RatingBadge } from '../case/RatingBadge';
import { MySubmissions } from '../case/MySubmissions';
import { useCase } from '../case/useCase';
import { VerifyDialog } from '../case/VerifyDialog';
import { useShortcuts } from '../shortcuts';
import { TrainingPanel } from '../training/TrainingPanel';
import { WorklistScreen } from '../worklist/WorklistScreen';

/**
 * The main area: idle until a card is placed (or a number is typed in), then the case screen. A
 * session whose role handles no cases (an administrator) gets neither, and asks for no case.
 */
export function WorkArea({
  training,
  cases,
  station = false,
}: {
  training: boolean;
  cases: SessionInfo['cases'];
  /** Station staff also have worklists (主动服务), Alt+W. */
  station?: boolean;
}) {
  const { t } = useTranslation();
  const { current, set } = useCase(!!cases);
  const [dialog, setDialog] = useState<null | 'manual' | 'verify'>(null);
  const [worklists, setWorklists] = useState(false);
  // Typing a number in opens a case: only for the roles that open them (a supervisor finishes cases).
  const opens = cases === 'open';
  useShortcuts(
    useMemo(
      () => ({
        ...(opens ? { F6: () => setDialog('manual') } : {}),
        F7: () => setDialog('verify'),
        ...(station ? { 'Alt+W': () => setWorklists((w) => !w) } : {}),
      }),
      [opens, station],
    ),
  );
  const idle = (
    <>
      <RatingBadge />
      <InterruptedList onOpen={set} />
      <MySubmissions />
      <Result
        icon={<IdcardOutlined />}
        title={t('work.idleTitle')}
        subTitle={t('work.idleHint')}
        extra={
          <Space>
            {opens && (
              <Button onClick={() => setDialog('manual')} title="F6" data-testid="manual-open">
                {t('manual.title')}
              </Button>
            )}
            <Button onClick={() => setDialog('verify')} title="F7" data-testid="verify-open">
              {t('verify.title')}
            </Button>
            {station && (
              <Button onClick={() => setWorklists(true)} title="Alt+W" data-testid="worklists-open">
                {t('worklist.title')}
              </Button>
            )}
          </Space>
        }
      />
    </>
  );
  if (!cases) {
    return (
      <div className="work-area" data-testid="work-area">
        <Result
          icon={<IdcardOutlined />}
          title={t('work.noCasesTitle')}
          subTitle={t('work.noCasesHint')}
          data-testid="no-case-role"
        />
        {training && <TrainingPanel />}
        <VerifyDialog open={dialog === 'verify'} onClose={() => setDialog(null)} />
      </div>
    );
  }
  return (
    <div className="work-area" data-testid="work-area">
      {station && worklists ? (
        <WorklistScreen onClose={() => setWorklists(false)} />
      ) : current ? (
        <CaseScreen c={current} onChange={set} />
      ) : (
        idle
      )}
      {training && <TrainingPanel />}
      {opens && <ManualOpenDialog open={dialog === 'manual'} onClose={() => setDialog(null)} onOpened={set} />}
      <VerifyDialog open={dialog === 'verify'} onClose={() => setDialog(null)} />
    </div>
  );
}
