// The diagnosis channels: why a cell fails, its Markdown report, and who created the cluster. Served by the app
// and by the CLI's `diagnose` and `fix`, which load this room for `diagnosis.run` alone (the creator's view loads
// when asked for).
import type { Handlers } from '../common/channel-handlers.js';
import type { DiagnosisService } from './service.js';

export type DiagnoseHandlers = Pick<Handlers, 'diagnosis.run' | 'report.export' | 'creator.find'>;

export function diagnoseHandlers(diagnosis: DiagnosisService): DiagnoseHandlers {
  return {
    'diagnosis.run': (req) => diagnosis.run(req),
    'report.export': (req) => diagnosis.report(req),
    'creator.find': async (req) => (await import('./creator-view.js')).creatorView(await diagnosis.diagnosed(req)),
  };
}
