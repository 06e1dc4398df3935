// How the commands the app shows to copy name its own command line and a throwaway folder on this machine
// (app.info says; App provides it). Without it, the installed command's name and /tmp.
import { createContext, useContext } from 'react';
import type { AppCommands } from '../../shared/profile-types.js';

export const FALLBACK_COMMANDS: AppCommands = { cli: 'eks-access-doctor', tempDir: '/tmp' };

export const AppCommandsContext = createContext<AppCommands>(FALLBACK_COMMANDS);

export function useAppCommands(): AppCommands {
  return useContext(AppCommandsContext);
}
