// Exit 0 when the Electron runtime's download server answers within a few seconds (ELECTRON_MIRROR, or where
// Electron's installer fetches it by default), 1 otherwise. Plain Node: it runs before any package is installed.
import { request } from 'node:https';

const base = process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || 'https://github.com/electron/electron/releases/';
const req = request(base, { method: 'HEAD', timeout: 5000 }, (res) => {
  res.resume();
  process.exit(res.statusCode && res.statusCode < 500 ? 0 : 1);
});
req.on('timeout', () => req.destroy(new Error('timeout')));
req.on('error', () => process.exit(1));
req.end();
