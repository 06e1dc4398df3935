// The access matrix's channels: start, cancel and re-run a scan, its snapshot, and the export.
import type { Handlers } from '../common/channel-handlers.js';
import type { MatrixService } from './service.js';

export type MatrixHandlers = Pick<Handlers, 'matrix.start' | 'matrix.cancel' | 'matrix.rerun' | 'matrix.snapshot' | 'matrix.export'>;

export function matrixHandlers(matrix: MatrixService): MatrixHandlers {
  return {
    'matrix.start': (req) => matrix.start(req),
    'matrix.cancel': async () => matrix.cancel(),
    'matrix.rerun': (req) => matrix.rerun(req),
    'matrix.snapshot': async () => matrix.state(),
    'matrix.export': async (req) => matrix.export(req.format),
  };
}
