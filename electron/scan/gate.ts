/**
 * First contact with a cluster: the first probe of a cluster goes alone; the others wait for its first answer.
 * When the endpoint does not answer (refused, TLS failure, timeout) they are UNREACHABLE at once instead of
 * each holding a slot until the timeout — a dead cluster blocks nothing else.
 */
export type GateState = { reachable: true } | { reachable: false; message: string; via: string };

export class ReachabilityGate {
  private settled = false;
  private resolve!: (s: GateState) => void;
  readonly state: Promise<GateState> = new Promise((r) => (this.resolve = r));

  settle(s: GateState): void {
    if (this.settled) return;
    this.settled = true;
    this.resolve(s);
  }
}
