// The diagnosis channels: why a cell fails, its Markdown report, and who created the cluster.
import type { Handlers } from '../common/channel-handlers.js';
import { creatorView } from './creator-view.js';
import type { DiagnosisService } from './service.js';

export type DiagnoseHandlers = Pick<Handlers, 'diagnosis.run' | 'report.export' | 'creator.find'>;

export function diagnoseHandlers(diagnosis: DiagnosisService): DiagnoseHandlers {
  return {
    'diagnosis.run': (req) => diagnosis.run(req),
    'report.export': (req) => diagnosis.report(req),
    'creator.find': async (req) => creatorView(await diagnosis.diagnosed(req)),
  };
}
