import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import 'katex/dist/katex.min.css';
import 'wiro-agent-react/styles.css';
import { App } from './App';
import './demo.css';

const root = document.getElementById('root');
if (!root) throw new Error('demo: #root is missing from index.html');
createRoot(root).render(
  <StrictMode>
    <App config={__WIRO_DEMO__} />
  </StrictMode>,
);
