import { Alert, Button, Space, Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { TaskView } from '../../../electron/api/types';

/**
 * What a shared task's row says about the hall (docs/worklists.md, "Steps while the hall is
 * down"): steps recorded here not yet at the hall, and steps the hall did not take because
 * another window had moved the task first (the task is then shown as the hall has it).
 */
export function PendingTag({ task }: { task: TaskView }) {
  const { t } = useTranslation();
  if (!task.hall?.pending) return null;
  return (
    <Tag color="orange" title={t('worklist.hall.pendingHint')} data-testid={`task-${task.seq}-pending`}>
      {t('worklist.hall.pending', { count: task.hall.pending })}
    </Tag>
  );
}

/**
 * One sentence per step not applied, under the row: which step, which window, what it holds now;
 * then 知道了 (`onAck`), after which the row no longer shows them (the task's log still does).
 */
export function NotAppliedNote({ task, onAck }: { task: TaskView; onAck?: () => void }) {
  const { t } = useTranslation();
  const list = task.hall?.notApplied ?? [];
  if (!list.length) return null;
  return (
    <Space direction="vertical" size={4} style={{ width: '100%' }} data-testid={`task-${task.seq}-not-applied`}>
      {list.map((n, i) => (
        <Alert
          key={`${n.at}-${i}`}
          type="warning"
          showIcon
          message={
            // Another window moved the task (the hall's state is known), or the hall refused it otherwise.
            n.hallState
              ? t('worklist.hall.notApplied', {
                  step: t(`worklist.step.${n.step}`, { defaultValue: n.step }),
                  terminal: n.terminal || '—',
                  by: n.by || '—',
                  state: t(`worklist.state.${n.hallState}`, { defaultValue: n.hallState }),
                })
              : t('worklist.hall.notAppliedOther', {
                  step: t(`worklist.step.${n.step}`, { defaultValue: n.step }),
                  code: n.code,
                })
          }
        />
      ))}
      {onAck && (
        <Button size="small" onClick={onAck} data-testid={`task-${task.seq}-ack`}>
          {t('worklist.hall.ack')}
        </Button>
      )}
    </Space>
  );
}

/** The rows to show expanded: those with a step the hall did not take. */
export const withNotApplied = (tasks: TaskView[]) => tasks.filter((r) => r.hall?.notApplied.length).map((r) => r.id);
