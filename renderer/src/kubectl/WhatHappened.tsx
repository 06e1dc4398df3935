import { Box } from '@cloudscape-design/components';
import { probeMessageWords } from '../../../shared/network-words.js';

interface Props {
  /** The check's one-line message ("ECONNREFUSED: connect ECONNREFUSED 10.0.0.5:443", or words). */
  problem: string;
  /** The address kubectl uses, named in the words instead of the IP address the message has. */
  server?: string | undefined;
  testId: string;
}

/** What the check met, in plain words; Node's error code only on a grey line under them, for whoever wants it. */
export function WhatHappened({ problem, server, testId }: Props) {
  const { words, detail } = probeMessageWords(problem, server);
  return (
    <div data-testid={testId}>
      <Box variant="p" margin={{ bottom: 'n' }} data-testid={`${testId}-words`}>
        <strong>What happened: </strong>
        {words}.
      </Box>
      {detail && (
        <Box variant="small" display="block" color="text-body-secondary" data-testid={`${testId}-detail`}>
          Technical detail: {detail}
        </Box>
      )}
    </div>
  );
}
