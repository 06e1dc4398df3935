/** The environment variables a piece of code reads: injected, so tests point it at a sandbox without global state. */
export type Env = Record<string, string | undefined>;
