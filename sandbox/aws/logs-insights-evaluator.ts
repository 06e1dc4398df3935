// CloudWatch Logs Insights: running a parsed query over log events — filter, sort, parse, stats, dedup.
import { type Command, type Expr, type InsightsRecord, type ParsedQuery, type Value } from './logs-insights-syntax.js';

/** A field by name: exact first, then ignoring case (Insights users write @logstream for @logStream). */
export function fieldValue(rec: InsightsRecord, name: string): Value {
  if (name in rec) return rec[name];
  const lower = name.toLowerCase();
  for (const k of Object.keys(rec)) if (k.toLowerCase() === lower) return rec[k];
  return undefined;
}

function toNumber(v: Value): number | undefined {
  if (v instanceof Date) return v.getTime();
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '' && !Number.isNaN(Number(v))) return Number(v);
  return undefined;
}

export function formatValue(v: Value): string | undefined {
  if (v === undefined) return undefined;
  if (v instanceof Date) return v.toISOString().replace('T', ' ').replace('Z', '');
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v);
}

function toText(v: Value): string {
  return formatValue(v) ?? '';
}

function compare(a: Value, b: Value): number {
  const na = toNumber(a);
  const nb = toNumber(b);
  if (na !== undefined && nb !== undefined) return na - nb;
  const sa = toText(a);
  const sb = toText(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

function truthy(v: Value): boolean {
  return v !== undefined && v !== false && v !== 0 && v !== '';
}

function evaluate(e: Expr, rec: InsightsRecord): Value {
  switch (e.kind) {
    case 'field':
      return fieldValue(rec, e.name);
    case 'literal':
      return e.value;
    case 'regex':
      return e.source;
    case 'unary': {
      const v = evaluate(e.arg, rec);
      if (e.op === 'not') return !truthy(v);
      const n = toNumber(v);
      return n === undefined ? undefined : -n;
    }
    case 'in': {
      const v = evaluate(e.left, rec);
      if (v === undefined) return false;
      const found = e.values.some((x) => compare(v, evaluate(x, rec)) === 0);
      return e.negated ? !found : found;
    }
    case 'call':
      return callFunction(e, rec);
    case 'binary':
      return binary(e.op, e.left, e.right, rec);
  }
}

function binary(op: string, l: Expr, r: Expr, rec: InsightsRecord): Value {
  if (op === 'and') return truthy(evaluate(l, rec)) && truthy(evaluate(r, rec));
  if (op === 'or') return truthy(evaluate(l, rec)) || truthy(evaluate(r, rec));
  const a = evaluate(l, rec);
  if (op === 'like' || op === 'not like') {
    if (a === undefined) return false;
    const text = toText(a);
    const hit = r.kind === 'regex' ? r.re.test(text) : text.includes(toText(evaluate(r, rec)));
    return op === 'like' ? hit : !hit;
  }
  const b = evaluate(r, rec);
  if (a === undefined || b === undefined) return op === '!=' ? a !== b : undefined;
  switch (op) {
    case '=':
      return compare(a, b) === 0;
    case '!=':
      return compare(a, b) !== 0;
    case '<':
      return compare(a, b) < 0;
    case '<=':
      return compare(a, b) <= 0;
    case '>':
      return compare(a, b) > 0;
    case '>=':
      return compare(a, b) >= 0;
  }
  const x = toNumber(a);
  const y = toNumber(b);
  if (x === undefined || y === undefined) return undefined;
  switch (op) {
    case '+':
      return x + y;
    case '-':
      return x - y;
    case '*':
      return x * y;
    case '/':
      return y === 0 ? undefined : x / y;
    default:
      return y === 0 ? undefined : x % y;
  }
}

function callFunction(e: Extract<Expr, { kind: 'call' }>, rec: InsightsRecord): Value {
  const args = e.args.map((a) => evaluate(a, rec));
  const s = (i: number) => toText(args[i]);
  switch (e.name) {
    case 'ispresent':
      return args[0] !== undefined;
    case 'isempty':
      return args[0] === undefined || s(0) === '';
    case 'isblank':
      return args[0] === undefined || s(0).trim() === '';
    case 'tolower':
      return args[0] === undefined ? undefined : s(0).toLowerCase();
    case 'toupper':
      return args[0] === undefined ? undefined : s(0).toUpperCase();
    case 'trim':
      return args[0] === undefined ? undefined : s(0).trim();
    case 'strlen':
      return args[0] === undefined ? undefined : s(0).length;
    case 'concat':
      return args.map(toText).join('');
    case 'strcontains':
      return args[0] !== undefined && s(0).includes(s(1));
    case 'substr': {
      const start = toNumber(args[1]) ?? 0;
      const len = toNumber(args[2]);
      return args[0] === undefined ? undefined : s(0).substr(start, len);
    }
    case 'replace':
      return args[0] === undefined ? undefined : s(0).split(s(1)).join(s(2));
    case 'bin': {
      const ts = toNumber(fieldValue(rec, '@timestamp'));
      const period = toNumber(args[0])!;
      return ts === undefined ? undefined : new Date(Math.floor(ts / period) * period);
    }
    default:
      // Aggregates outside stats have no per-event value.
      return undefined;
  }
}

export interface QueryOutput {
  rows: Array<Array<{ field: string; value: string }>>;
  recordsMatched: number;
  recordsScanned: number;
  bytesScanned: number;
}

const DEFAULT_DISPLAY = ['@timestamp', '@message', '@logStream', '@log'];

/** Runs a parsed query over records (expected newest first, as Insights scans). */
export function runQuery(q: ParsedQuery, records: InsightsRecord[], opts: { limit?: number } = {}): QueryOutput {
  let rows = records.map((r) => ({ ...r }));
  let display: string[] | undefined;
  let aggregated = false;
  let limited = false;
  let matched = -1;
  for (const cmd of q.commands) {
    switch (cmd.kind) {
      case 'fields':
      case 'display': {
        for (const row of rows) for (const p of cmd.items) if (!(p.expr.kind === 'field' && p.expr.name === p.name)) row[p.name] = evaluate(p.expr, row);
        const names = cmd.items.map((p) => p.name);
        display = cmd.kind === 'fields' ? [...new Set([...(display ?? []), ...names])] : names;
        break;
      }
      case 'filter':
        rows = rows.filter((r) => truthy(evaluate(cmd.expr, r)));
        break;
      case 'sort':
        rows = [...rows].sort((a, b) => {
          for (const k of cmd.keys) {
            const va = evaluate(k.expr, a);
            const vb = evaluate(k.expr, b);
            if (va === undefined && vb === undefined) continue;
            if (va === undefined) return 1;
            if (vb === undefined) return -1;
            const c = compare(va, vb);
            if (c !== 0) return k.desc ? -c : c;
          }
          return 0;
        });
        break;
      case 'limit':
        rows = rows.slice(0, cmd.n);
        limited = true;
        break;
      case 'parse':
        for (const row of rows) {
          const m = cmd.re.exec(toText(evaluate(cmd.field, row)));
          if (!m) continue;
          cmd.names.forEach((n, i) => {
            row[n] = m.groups && n in m.groups ? m.groups[n] : m[i + 1];
          });
        }
        break;
      case 'dedup': {
        const seen = new Set<string>();
        rows = rows.filter((r) => {
          const key = JSON.stringify(cmd.fields.map((f) => formatValue(evaluate(f, r)) ?? null));
          if (seen.has(key)) return false;
          seen.add(key);
          return true;
        });
        break;
      }
      case 'stats':
        if (matched < 0) matched = rows.length;
        rows = stats(cmd, rows);
        display = [...cmd.by.map((b) => b.name), ...cmd.aggs.map((a) => a.name)];
        aggregated = true;
        break;
    }
  }
  if (matched < 0) matched = rows.length;
  // A limit command in the query wins over StartQuery's limit parameter.
  rows = rows.slice(0, limited ? 10000 : (opts.limit ?? 10000));
  const shown = display ?? DEFAULT_DISPLAY;
  return {
    rows: rows.map((row) => {
      const out: Array<{ field: string; value: string }> = [];
      for (const name of shown) {
        const v = formatValue(fieldValue(row, name));
        if (v !== undefined) out.push({ field: name, value: v });
      }
      if (!aggregated && typeof row['@ptr'] === 'string') out.push({ field: '@ptr', value: row['@ptr'] });
      return out;
    }),
    recordsMatched: matched,
    recordsScanned: records.length,
    bytesScanned: records.reduce((n, r) => n + Buffer.byteLength(toText(r['@message'])), 0),
  };
}

function stats(cmd: Extract<Command, { kind: 'stats' }>, rows: InsightsRecord[]): InsightsRecord[] {
  const groups = new Map<string, { keys: Value[]; members: InsightsRecord[] }>();
  for (const row of rows) {
    const keys = cmd.by.map((b) => evaluate(b.expr, row));
    const id = JSON.stringify(keys.map((k) => formatValue(k) ?? null));
    let g = groups.get(id);
    if (!g) groups.set(id, (g = { keys, members: [] }));
    g.members.push(row);
  }
  if (groups.size === 0 && cmd.by.length === 0) groups.set('[]', { keys: [], members: [] });
  const out: InsightsRecord[] = [];
  for (const g of groups.values()) {
    const rec: InsightsRecord = {};
    cmd.by.forEach((b, i) => (rec[b.name] = g.keys[i]));
    for (const a of cmd.aggs) rec[a.name] = aggregate(a.expr as Extract<Expr, { kind: 'call' }>, g.members);
    out.push(rec);
  }
  return out;
}

function aggregate(call: Extract<Expr, { kind: 'call' }>, members: InsightsRecord[]): Value {
  if (call.star) return members.length;
  const values = members.map((m) => evaluate(call.args[0], m)).filter((v) => v !== undefined);
  const nums = values.map(toNumber).filter((n): n is number => n !== undefined);
  switch (call.name) {
    case 'count':
      return values.length;
    case 'count_distinct':
      return new Set(values.map(toText)).size;
    case 'sum':
      return nums.reduce((a, b) => a + b, 0);
    case 'avg':
      return nums.length ? nums.reduce((a, b) => a + b, 0) / nums.length : undefined;
    case 'min':
      return values.length ? values.reduce((a, b) => (compare(a, b) <= 0 ? a : b)) : undefined;
    case 'max':
      return values.length ? values.reduce((a, b) => (compare(a, b) >= 0 ? a : b)) : undefined;
    case 'earliest':
    case 'latest': {
      const sorted = [...members].sort((x, y) => compare(fieldValue(x, '@timestamp'), fieldValue(y, '@timestamp')));
      const pick = call.name === 'earliest' ? sorted[0] : sorted[sorted.length - 1];
      return pick ? evaluate(call.args[0], pick) : undefined;
    }
    default:
      return undefined;
  }
}
