// The import rules CI checks (`npx depcruise --config .dependency-cruiser.cjs electron shared renderer scripts bench`,
// run by setup/test.sh). Every real import counts: static, dynamic `import()`, `require()` and type-only imports.
// Why each rule: docs/architecture.md ("Imports that never turn back").
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-room-cycle',
      severity: 'error',
      comment: "The rooms of electron/ depend one way: a room never reaches back to a room that depends on it.",
      scope: 'folder',
      from: { path: '^electron/' },
      to: { circular: true },
    },
    {
      name: 'no-module-cycle',
      severity: 'error',
      comment: 'No module imports itself back, anywhere.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'electron-only-at-the-edge',
      severity: 'error',
      comment: "Only electron/main.ts, preload.ts and ipc.ts import Electron; everything else is plain Node (tests and the CLI run it).",
      from: { pathNot: '^electron/(main|preload|ipc)\\.ts$' },
      to: { path: '^node_modules/electron/' },
    },
    {
      name: 'app-never-imports-the-sandbox',
      severity: 'error',
      comment: 'The sandbox is a test and demo tool; checks against it must come from independent code.',
      from: { path: '^(electron|renderer|shared)/' },
      to: { path: '^sandbox/' },
    },
    {
      name: 'domain-never-imports-a-host',
      severity: 'error',
      comment: 'A room serves every host alike: it never imports the CLI room, a transport (web, ipc, dispatch) or the app wiring.',
      from: { path: '^electron/[^/]+/', pathNot: '^electron/cli/' },
      to: { path: ['^electron/cli/', '^electron/(cli|web|ipc|dispatch|main|preload|app-context|app-info)\\.ts$'] },
    },
    {
      name: 'common-is-a-leaf',
      severity: 'error',
      comment: 'electron/common/ holds helpers every room may use; it imports no room.',
      from: { path: '^electron/common/' },
      to: { path: '^electron/', pathNot: '^electron/common/' },
    },
    {
      name: 'shared-imports-nothing-of-the-sides',
      severity: 'error',
      comment: 'shared/ is what the main process and the renderer both read; it imports neither.',
      from: { path: '^shared/' },
      to: { path: '^(electron|renderer)/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    moduleSystems: ['es6', 'cjs'],
    exclude: { path: '^dist/' },
  },
};
