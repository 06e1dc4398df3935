import type { Env } from '../profiles/deps.js';

/** The region a diagnosis starts from: the one asked for, else the profile's, as the aws CLI falls back. */
export function profileRegionOf(region: string | null | undefined, env: Env): string {
  return region ?? env.AWS_REGION ?? env.AWS_DEFAULT_REGION ?? 'us-east-1';
}
