import { CopyToClipboard } from '@cloudscape-design/components';
import { commandPieces } from '../../../shared/shell-arg.js';
import './command-line.css';

/** A command's text, each argument kept whole on a line (the copy button and a selection copy it unchanged). */
export function CommandText({ command }: { command: string }) {
  return (
    <>
      {commandPieces(command).map((piece, i) =>
        /^\s/.test(piece) ? piece : <span key={i} className="cmd-arg">{piece}</span>,
      )}
    </>
  );
}

/** A CLI command in monospace with a copy button. */
export function CommandLine({ command }: { command: string }) {
  return (
    <div className="dg-cmd">
      <code data-testid="fix-command">
        <CommandText command={command} />
      </code>
      <CopyToClipboard variant="icon" textToCopy={command} copyButtonAriaLabel={`Copy ${command}`} copySuccessText="Copied" copyErrorText="Could not copy" />
    </div>
  );
}
