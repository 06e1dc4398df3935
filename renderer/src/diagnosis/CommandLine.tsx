import { CopyToClipboard } from '@cloudscape-design/components';

/** A CLI command in monospace with a copy button. */
export function CommandLine({ command }: { command: string }) {
  return (
    <div className="dg-cmd">
      <code data-testid="fix-command">{command}</code>
      <CopyToClipboard variant="icon" textToCopy={command} copyButtonAriaLabel={`Copy ${command}`} copySuccessText="Copied" copyErrorText="Could not copy" />
    </div>
  );
}
