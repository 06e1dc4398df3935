// A change on disk (the AWS files, the SSO cache, the kubeconfig): the main process checks again what it touches;
// here the pages re-read, and a short note says what happened.
import { useEffect, useRef, useState } from 'react';
import type { FlashbarProps } from '@cloudscape-design/components';
import type { FilesChanged, WatchedFileKind } from '../../shared/files-changed.js';
import { api } from './api.js';

const WHAT: Record<WatchedFileKind, string> = {
  'aws-config': 'Your AWS config file',
  'aws-credentials': 'Your AWS credentials file',
  'sso-cache': 'An AWS sign-in',
  kubeconfig: 'Your kubeconfig',
};

export function useFilesChanged(on: { onProfilesFiles: () => void; onKubeconfig: () => void }): FlashbarProps.MessageDefinition[] {
  const [last, setLast] = useState<FilesChanged | undefined>();
  const handlers = useRef(on);
  handlers.current = on;
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const off = api.on('files.changed', (changed) => {
      if (changed.kinds.some((k) => k !== 'kubeconfig')) handlers.current.onProfilesFiles();
      if (changed.kinds.includes('kubeconfig')) handlers.current.onKubeconfig();
      setLast(changed);
      clearTimeout(timer);
      timer = setTimeout(() => setLast(undefined), 8000);
    });
    return () => {
      off();
      clearTimeout(timer);
    };
  }, []);
  if (!last) return [];
  const what = last.kinds.map((k) => WHAT[k]).join(', ').replace(/, ([^,]*)$/, ' and $1');
  const checked = [
    last.profiles.length ? `${last.profiles.length === 1 ? 'profile' : 'profiles'} ${last.profiles.join(', ')}` : '',
    last.contexts.length ? `${last.contexts.length === 1 ? 'context' : 'contexts'} ${last.contexts.join(', ')}` : '',
    last.cells.length ? `${last.cells.length} matrix ${last.cells.length === 1 ? 'cell' : 'cells'}` : '',
  ].filter(Boolean);
  return [{
    id: 'files-changed',
    type: 'info',
    content: (
      <span data-testid="files-changed">
        {what} changed on disk. {checked.length ? `Checking again: ${checked.join('; ')}.` : 'Nothing the app shows depends on what changed.'}
      </span>
    ),
    dismissible: true,
    onDismiss: () => setLast(undefined),
  }];
}
