// First of all: the opening calls go out before the rest of the app's code is evaluated.
import { openingAnswers } from './early-calls.js';
import '@cloudscape-design/global-styles/index.css';
import './word-breaks.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nProvider, type I18nProviderProps } from '@cloudscape-design/components/i18n';
import messages from '@cloudscape-design/components/i18n/messages/all.en';
import { App } from './App.js';

// The components' own English labels (close buttons, resize handles, …): without them those controls have no name.
void openingAnswers(300).then(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <I18nProvider locale="en" messages={[messages as unknown as I18nProviderProps.Messages]}>
        <App />
      </I18nProvider>
    </StrictMode>,
  ),
);
