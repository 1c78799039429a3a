import { Button, Card, Col, Row, Space, message } from 'antd';
import { useCallback, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseView } from '../../../electron/api/types';
import { ApiCallError, call } from '../api/client';
import { CitizenSlipButton } from '../auth/CitizenSlip';
import { errorText } from '../i18n';
import { useShortcuts } from '../shortcuts';
import { ApplicationForm } from './ApplicationForm';
import { CaseSubmissions } from './CaseSubmissions';
import { MeansPanel } from '../meanstest/MeansPanel';
import { Checklist } from './Checklist';
import { ItemPicker } from './ItemPicker';
import { JobPanel } from './JobPanel';
import { OverrideDialog } from './OverrideDialog';
import { PdfModal } from './PdfModal';
import { ReasonDialog } from './ReasonDialog';
import { ratingAskedFor } from './RatingBadge';
import { ResidentPanel } from './ResidentPanel';

type Dialog = null | 'preview' | 'void' | 'reprint' | 'override' | 'receipt' | 'application';

/** One citizen's case: resident, item, checks, preview, print (F9) and the job's progress. */
export function CaseScreen({ c, onChange }: { c: CaseView; onChange: (c: CaseView | null) => void }) {
  const { t, i18n } = useTranslation();
  const [dialog, setDialog] = useState<Dialog>(null);
  const [busy, setBusy] = useState(false);
  // "Change item" is a screen state: the picker shows again; the case keeps its item until another is chosen.
  const [picking, setPicking] = useState(false);
  const canPrint = c.can.print;

  const run = useCallback(
    async (fn: () => Promise<CaseView | null>) => {
      setBusy(true);
      try {
        onChange(await fn());
      } catch (e) {
        void message.error(e instanceof ApiCallError ? errorText(e.error) : String(e));
      } finally {
        setBusy(false);
      }
    },
    [onChange],
  );

  const submitForm = useRef<() => void>(() => undefined);
  const setSubmit = useCallback((s: () => void) => {
    submitForm.current = s;
  }, []);
  const hasForm = !!c.form;
  const apply = useCallback(
    (values: Record<string, string>) => {
      // One submission per case: a second Enter/F9 while the first is on its way does nothing.
      if (busy || !c.can.apply) return;
      void run(() => call('case.apply', { caseId: c.caseId, values }));
    },
    [c.caseId, c.can.apply, busy, run],
  );
  const printReceipt = useCallback(() => {
    setDialog(null);
    void run(() => call('case.printApplicationDocument', { caseId: c.caseId, kind: 'receipt' }));
  }, [c.caseId, run]);

  const loadPreview = useCallback(() => call('case.preview', { caseId: c.caseId }), [c.caseId]);
  const loadReceipt = useCallback(
    () => call('case.applicationDocument', { caseId: c.caseId, kind: 'receipt' }),
    [c.caseId],
  );
  const loadApplication = useCallback(
    () => call('case.applicationDocument', { caseId: c.caseId, kind: 'application' }),
    [c.caseId],
  );

  const print = useCallback(() => {
    // An item with an application form: F9 submits the form (the server checks it again).
    if (hasForm) {
      if (c.can.apply) submitForm.current();
      return;
    }
    if (!canPrint) return;
    setDialog(null);
    void run(() => call('case.print', { caseId: c.caseId }));
  }, [canPrint, c.caseId, run, hasForm, c.can.apply]);

  // F8 (done): the citizen's screen asks for a rating of this case (一次一评), then the case closes.
  // A failed ask never keeps the clerk from finishing: it is said, and the case still closes.
  const next = useCallback(
    () =>
      void run(async () => {
        if (c.item)
          try {
            await call('case.askRating', { caseId: c.caseId });
            ratingAskedFor(c.caseId);
          } catch (e) {
            if (!(e instanceof ApiCallError && e.code === 'RATING_ALREADY'))
              void message.warning(
                t('ratingState.askFailed', { why: e instanceof ApiCallError ? errorText(e.error) : String(e) }),
              );
          }
        await call('case.close', { caseId: c.caseId });
        return null;
      }),
    [c.caseId, c.item, run, t],
  );

  useShortcuts(
    useMemo(
      () => ({
        F9: print,
        F4: () => c.can.preview && setDialog('preview'),
        F8: next,
      }),
      [print, next, c.can.preview],
    ),
  );

  return (
    <Row gutter={16} data-testid="case-screen">
      <Col span={11}>
        <Card>
          <ResidentPanel c={c} />
        </Card>
      </Col>
      <Col span={13}>
        <Card
          title={c.item ? (i18n.language === 'en' ? c.item.names.en : c.item.names.zh) : t('items.title')}
          extra={
            <Space>
              {c.item && !picking && c.can.chooseItem && (
                <Button onClick={() => setPicking(true)} data-testid="change-item">
                  {t('case.changeItem')}
                </Button>
              )}
              <CitizenSlipButton caseId={c.caseId} />
              <Button onClick={next} title="F8" data-testid="next-citizen">
                {t('case.next')}
              </Button>
            </Space>
          }
        >
          {!c.item || picking ? (
            <ItemPicker
              caseId={c.caseId}
              onChoose={(itemCode) => {
                setPicking(false);
                void run(() => call('case.chooseItem', { caseId: c.caseId, itemCode }));
              }}
            />
          ) : (
            <>
              <Checklist c={c} onOverride={() => setDialog('override')} />
              {hasForm && <ApplicationForm c={c} busy={busy} onSubmit={apply} formRef={setSubmit} />}
              {c.application && (
                <Space style={{ marginTop: 12 }}>
                  <Button onClick={() => setDialog('receipt')} data-testid="view-receipt">
                    {t('appForm.viewReceipt')}
                  </Button>
                  <Button type="primary" onClick={printReceipt} disabled={busy} data-testid="print-receipt">
                    {t('appForm.printReceipt')}
                  </Button>
                  <Button onClick={() => setDialog('application')} data-testid="view-application">
                    {t('appForm.viewApplication')}
                  </Button>
                </Space>
              )}
              {!hasForm && (
                <Space style={{ marginTop: 16 }}>
                  <Button
                    onClick={() => setDialog('preview')}
                    disabled={busy || !c.can.preview}
                    title="F4"
                    data-testid="preview-button"
                  >
                    {t('case.preview')}
                  </Button>
                  <Button
                    type="primary"
                    onClick={print}
                    disabled={!canPrint || busy}
                    title="F9"
                    data-testid="print-button"
                  >
                    {t('case.print')}
                  </Button>
                </Space>
              )}
              <JobPanel
                c={c}
                onRetry={(printer) =>
                  void run(() => call('case.retryPrint', { caseId: c.caseId, ...(printer ? { printer } : {}) }))
                }
                onReprint={() => setDialog('reprint')}
                onVoid={() => setDialog('void')}
              />
            </>
          )}
          {c.item && !picking && <MeansPanel caseId={c.caseId} itemCode={c.item.code} />}
          <CaseSubmissions caseId={c.caseId} />
        </Card>
      </Col>
      {/* Dialogs mount when opened, so a card read renders only what is on screen. */}
      {dialog === 'preview' && (
        <PdfModal
          title={t('preview.title')}
          load={loadPreview}
          printText={t('preview.print')}
          onPrint={print}
          onClose={() => setDialog(null)}
          print={canPrint ? 'enabled' : 'disabled'}
          testId="preview"
        />
      )}
      {(dialog === 'receipt' || dialog === 'application') && (
        <PdfModal
          title={t(dialog === 'receipt' ? 'appForm.receiptTitle' : 'appForm.applicationTitle')}
          load={dialog === 'receipt' ? loadReceipt : loadApplication}
          printText={t('appForm.printReceipt')}
          onPrint={printReceipt}
          onClose={() => setDialog(null)}
          print={dialog === 'receipt' ? 'enabled' : 'hidden'}
          testId="document"
        />
      )}
      {dialog === 'override' && (
        <OverrideDialog caseId={c.caseId} open onClose={() => setDialog(null)} onDone={onChange} />
      )}
      {dialog === 'void' && (
        <ReasonDialog
          title={t('job.voidTitle')}
          open
          onCancel={() => setDialog(null)}
          onOk={(reason) => {
            setDialog(null);
            void run(() => call('case.void', { caseId: c.caseId, reason }));
          }}
        />
      )}
      {dialog === 'reprint' && (
        <ReasonDialog
          title={t('job.reprintTitle')}
          open
          onCancel={() => setDialog(null)}
          onOk={(reason) => {
            setDialog(null);
            void run(() => call('case.reprint', { caseId: c.caseId, reason }));
          }}
        />
      )}
    </Row>
  );
}
