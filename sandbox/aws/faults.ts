// The scenario's fault injection (faults.latencyMs / throttlePercent / throttleServices / serverErrorPercent), shared
// by the AWS endpoint and the Kubernetes API servers.
import { setTimeout as sleep } from 'node:timers/promises';
import { AwsError } from './errors.js';
import type { World } from '../world/world.js';

export type FaultKind = 'throttle' | 'server-error';

/** Waits the scenario's latency (no-op when 0). */
export async function applyLatency(world: World): Promise<void> {
  const ms = world.scenario.faults.latencyMs;
  if (ms > 0) await sleep(ms);
}

/** Draws whether this call to `service` (its signing name) fails: throttled, a server error, or (usually) neither. */
export function pickFault(world: World, service: string, random: () => number = Math.random): FaultKind | undefined {
  const { throttlePercent, throttleServices, serverErrorPercent } = world.scenario.faults;
  const throttled = throttleServices.length === 0 || throttleServices.includes(service);
  if (throttled && throttlePercent > 0 && random() * 100 < throttlePercent) return 'throttle';
  if (serverErrorPercent > 0 && random() * 100 < serverErrorPercent) return 'server-error';
  return undefined;
}

/** The error each service answers for a fault, by SigV4 signing name. */
export function faultError(service: string, kind: FaultKind): AwsError {
  if (kind === 'throttle') {
    if (service === 'sts') return new AwsError(400, 'Throttling', 'Rate exceeded');
    if (service === 'eks') return new AwsError(429, 'ThrottlingException', 'Rate exceeded');
    return new AwsError(400, 'ThrottlingException', 'Rate exceeded');
  }
  if (service === 'sts') return new AwsError(500, 'InternalFailure', 'An internal error occurred.');
  if (service === 'eks') return new AwsError(500, 'ServerException', 'An internal error occurred. Try again later.');
  if (service === 'logs') return new AwsError(500, 'ServiceUnavailableException', 'The service cannot complete the request.');
  return new AwsError(500, 'InternalFailure', 'An internal error occurred.');
}
