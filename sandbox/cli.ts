// `npm run --silent sandbox -- --scenario FILE --state-dir DIR`: the sandbox in the foreground until
// SIGINT/SIGTERM. Exit 2 for bad arguments or a bad scenario, 1 for anything else, one line on stderr.
import { parseArgs } from 'node:util';
import { ScenarioError } from './scenario/load.js';
import { startSandbox } from './index.js';

const USAGE = 'usage: sandbox --scenario FILE --state-dir DIR [--aws-port N]';

class UsageError extends Error {}

function readArgs(argv: string[]): { scenario: string; stateDir: string; awsPort?: number } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { scenario: { type: 'string' }, 'state-dir': { type: 'string' }, 'aws-port': { type: 'string' }, help: { type: 'boolean' } },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new UsageError(`${(err as Error).message.split('\n')[0]}\n${USAGE}`);
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  if (!values.scenario) throw new UsageError(`--scenario is required\n${USAGE}`);
  if (!values['state-dir']) throw new UsageError(`--state-dir is required\n${USAGE}`);
  let awsPort: number | undefined;
  if (values['aws-port'] !== undefined) {
    awsPort = Number(values['aws-port']);
    if (!Number.isInteger(awsPort) || awsPort < 0 || awsPort > 65535) throw new UsageError(`--aws-port must be a port number (got ${values['aws-port']})`);
  }
  return { scenario: values.scenario, stateDir: values['state-dir'], awsPort };
}

async function main(): Promise<void> {
  let args;
  try {
    args = readArgs(process.argv.slice(2));
  } catch (err) {
    process.stderr.write(`sandbox: ${(err as Error).message}\n`);
    process.exit(2);
  }
  let handle;
  try {
    handle = await startSandbox(args.scenario, { stateDir: args.stateDir, awsPort: args.awsPort });
  } catch (err) {
    if (err instanceof ScenarioError) {
      process.stderr.write(`sandbox: invalid scenario: ${err.message}\n`);
      process.exit(2);
    }
    process.stderr.write(`sandbox: cannot start: ${(err as Error).message}\n`);
    process.exit(1);
  }
  process.stdout.write(`sandbox ready: ${handle.envFile}\n`);
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    const force = setTimeout(() => process.exit(0), 900);
    force.unref();
    handle.stop().finally(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

void main();
