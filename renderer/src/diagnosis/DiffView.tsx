/** A unified diff in monospace: added lines green, removed lines red — the +/- prefix kept, so colour is not the only cue. */
export function DiffView({ diff, testId = 'kubeconfig-diff', label = 'Changes to the kubeconfig' }: { diff: string; testId?: string; label?: string }) {
  const lines = diff.replace(/\n$/, '').split('\n');
  const kind = (l: string) =>
    l.startsWith('+++') || l.startsWith('---') ? 'head' : l.startsWith('@@') ? 'hunk' : l.startsWith('+') ? 'add' : l.startsWith('-') ? 'del' : 'ctx';
  return (
    <pre className="dg-pre" data-testid={testId} aria-label={label}>
      {lines.map((l, i) => (
        <span key={i} className={`dg-diff-line dg-diff-${kind(l)}`} data-kind={kind(l)}>
          {l || ' '}
        </span>
      ))}
    </pre>
  );
}
