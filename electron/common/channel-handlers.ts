import type { ChannelName, ParsedRequestOf, ResponseOf } from '../../shared/contract.js';

/** One implementation per contract channel; each room's handlers.ts implements its own namespace's share. */
export type Handlers = { [K in ChannelName]: (request: ParsedRequestOf<K>) => Promise<ResponseOf<K>> };
