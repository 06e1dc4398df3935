// An ARN, URL or path in a narrow column: it may wrap after each ':' and '/', so a line ends between its parts
// ("arn:aws:iam::" | "111122223333:user/alice") rather than inside an account ID or a port number.
import { Fragment } from 'react';
import './long-id.css';

/** The text split after each ':' and '/' (a run of them stays whole: "::", "//"). */
export function longIdParts(text: string): string[] {
  return text.match(/[^:/]*[:/]*/g)!.filter(Boolean);
}

export function LongId({ text, testId }: { text: string; testId?: string }) {
  const parts = longIdParts(text);
  return (
    <span className="long-id" data-testid={testId}>
      {parts.map((p, i) => (
        <Fragment key={i}>
          {p}
          {i < parts.length - 1 && <wbr />}
        </Fragment>
      ))}
    </span>
  );
}
