import { Alert, Steps } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Job, Upload } from './types';
import { ImportStep } from './ImportStep';
import { JobList } from './JobList';
import { MapStep } from './MapStep';
import { ReportStep } from './ReportStep';
import { RunStep } from './RunStep';

/** import → map columns and preview → run with a progress bar → per-row detail and reports. */
export function BatchScreen() {
  const { t } = useTranslation();
  const [upload, setUpload] = useState<Upload | null>(null);
  const [job, setJob] = useState<Job | null>(null);
  const [error, setError] = useState<string | null>(null);
  const step = !upload && !job ? 0 : !job ? 1 : job.state === 'done' || job.state === 'cancelled' ? 3 : 2;
  const restart = () => {
    setUpload(null);
    setJob(null);
  };
  return (
    <div data-testid="batch-screen">
      <Steps
        current={step}
        size="small"
        style={{ marginBottom: 16 }}
        items={[
          { title: t('batch.stepImport') },
          { title: t('batch.stepMap') },
          { title: t('batch.stepRun') },
          { title: t('batch.stepReport') },
        ]}
      />
      {error && (
        <Alert type="error" showIcon title={error} closable onClose={() => setError(null)} data-testid="batch-error" />
      )}
      {step === 0 && (
        <>
          <ImportStep onUploaded={setUpload} onError={setError} />
          <JobList onOpen={setJob} onError={setError} />
        </>
      )}
      {step === 1 && upload && <MapStep upload={upload} onStarted={setJob} onBack={restart} onError={setError} />}
      {step === 2 && job && <RunStep job={job} onChange={setJob} onError={setError} />}
      {step === 3 && job && <ReportStep job={job} onNew={restart} onError={setError} />}
    </div>
  );
}
