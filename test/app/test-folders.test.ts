// Tests name the code they cover: `test/<room>/` holds the tests of `electron/<room>/`. Every room has that folder,
// with a test in it, and every folder of test/ is a room's or one of the few others below.
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The folders of test/ that are not a room's, and what they hold. */
const OTHER_TEST_FOLDERS: Record<string, { holds: string; tests: boolean }> = {
  app: { holds: 'the hosts (Electron, browser mode, the CLI as a whole), the contract and the UI end to end', tests: true },
  sandbox: { holds: 'the tests of sandbox/', tests: true },
  shared: { holds: 'the tests of shared/', tests: true },
  helpers: { holds: 'code the tests share (real clients, a stuck helper)', tests: false },
  setup: { holds: "the test run's own setup (build, order, every test asserts)", tests: false },
};

const folders = (dir: string) => readdirSync(path.join(root, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).map((e) => e.name).sort();
function testFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? testFiles(`${dir}/${e.name}`) : e.name.endsWith('.test.ts') ? [`${dir}/${e.name}`] : [],
  );
}

it('every room of electron/ has its test folder with a test in it; every other folder of test/ is a known one', () => {
  const rooms = folders('electron');
  const tests = folders('test');
  expect(rooms.length).toBeGreaterThan(10);
  const roomsWithoutTests = rooms.filter((room) => !tests.includes(room) || testFiles(`test/${room}`).length === 0);
  expect(roomsWithoutTests, 'electron/<room>/ without tests in test/<room>/').toEqual([]);
  const strayFolders = tests.filter((folder) => !rooms.includes(folder) && !(folder in OTHER_TEST_FOLDERS));
  expect(strayFolders, 'test/<folder>/ that is neither a room nor a known other folder').toEqual([]);
  const misplaced = Object.entries(OTHER_TEST_FOLDERS).flatMap(([folder, { tests: holdsTests }]) => (holdsTests ? [] : testFiles(`test/${folder}`)));
  expect(misplaced, 'test files in a folder of shared test code').toEqual([]);
  expect(testFiles('test').filter((f) => path.dirname(f) === 'test'), 'test files outside any folder').toEqual([]);
});
