// A page with only the LogsWizard, for the Chromium test: its props come from the URL's hash (the page's CSP allows
// no inline script), its calls go to the app's web server like the real renderer's.
import '@cloudscape-design/global-styles/index.css';
import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { LogsWizard } from '../../renderer/src/wizards/LogsWizard.js';

const params = new URLSearchParams(window.location.hash.slice(1));

function Harness() {
  const [open, setOpen] = useState(true);
  if (!open) return <div data-testid="harness-closed">closed</div>;
  return (
    <LogsWizard
      profiles={(params.get('profiles') ?? '').split(',').filter(Boolean)}
      defaultProfile={params.get('profile') ?? ''}
      clusterArn={params.get('clusterArn') ?? ''}
      {...(params.get('identityArn') ? { identityArn: params.get('identityArn')! } : {})}
      onClose={() => setOpen(false)}
    />
  );
}

createRoot(document.getElementById('root')!).render(<Harness />);
