// The installed command runs the bundle in dist/cli: build it when stale, so the tests that run the command
// test the code as it is now.
import { ensureCliBuilt } from '../../scripts/build-cli.js';

export default async function setup(): Promise<void> {
  await ensureCliBuilt();
}
