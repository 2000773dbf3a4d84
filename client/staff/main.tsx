import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import './staff.css';

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from staff.html');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
