import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { CitizenApp } from './citizen/CitizenApp';
import { connectionProblem } from './api/client';
import { NoConnection } from './components/NoConnection';
import 'antd/dist/antd.css';
import './i18n';
import './styles.css';

const problem = connectionProblem();

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    {problem ? (
      <NoConnection error={problem} />
    ) : location.pathname === '/citizen' || location.search === '?citizen' ? (
      <CitizenApp />
    ) : (
      <App />
    )}
  </StrictMode>,
);
