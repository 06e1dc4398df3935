// CloudWatch Logs Insights: parser and evaluator for the subset the EKS troubleshooting guide and
// everyday use need — fields/display, filter (like, not like, =~, in, comparisons, and/or/not),
// sort, limit, parse (glob or named-group regex), stats (count, count_distinct, min, max, sum, avg) by
// fields or bin(), dedup. Parse errors carry a character range, as MalformedQueryException does.

export type Value = string | number | boolean | Date | undefined;
/** One log event's fields (@timestamp, @message, @logStream, @log, @ingestionTime, @ptr) plus derived ones. */
export type InsightsRecord = Record<string, Value>;

export class QuerySyntaxError extends Error {
  constructor(
    readonly detail: string,
    readonly start: number,
    readonly end: number,
    readonly line: number,
    readonly column: number,
  ) {
    super(`${detail} at line ${line} and position ${column}`);
  }
}

type Expr =
  | { kind: 'field'; name: string }
  | { kind: 'literal'; value: Value }
  | { kind: 'regex'; re: RegExp; source: string }
  | { kind: 'call'; name: string; args: Expr[]; star?: boolean }
  | { kind: 'unary'; op: 'not' | '-'; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'in'; negated: boolean; left: Expr; values: Expr[] };

interface Projection {
  expr: Expr;
  name: string;
}

export type Command =
  | { kind: 'fields'; items: Projection[] }
  | { kind: 'display'; items: Projection[] }
  | { kind: 'filter'; expr: Expr }
  | { kind: 'sort'; keys: Array<{ expr: Expr; desc: boolean }> }
  | { kind: 'limit'; n: number }
  | { kind: 'parse'; field: Expr; re: RegExp; names: string[] }
  | { kind: 'stats'; aggs: Projection[]; by: Projection[] }
  | { kind: 'dedup'; fields: Expr[] };

export interface ParsedQuery {
  text: string;
  commands: Command[];
}

const AGGREGATES = new Set(['count', 'count_distinct', 'min', 'max', 'sum', 'avg', 'earliest', 'latest']);
const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);
const FUNCTIONS = new Set(['ispresent', 'isempty', 'isblank', 'tolower', 'toupper', 'trim', 'strlen', 'concat', 'strcontains', 'substr', 'replace', 'bin']);
const COMMANDS = new Set(['fields', 'display', 'filter', 'sort', 'limit', 'parse', 'stats', 'dedup']);

class Parser {
  pos = 0;
  depth = 0;
  constructor(readonly text: string) {}

  fail(detail: string, start = this.pos, end = Math.min(this.text.length, start + 1)): never {
    const before = this.text.slice(0, start);
    const line = before.split('\n').length;
    const column = start - (before.lastIndexOf('\n') + 1);
    throw new QuerySyntaxError(detail, start, end, line, column);
  }

  skipSpace(): void {
    while (this.pos < this.text.length && /\s/.test(this.text[this.pos])) this.pos++;
  }

  atEnd(): boolean {
    this.skipSpace();
    return this.pos >= this.text.length;
  }

  peekChar(): string {
    this.skipSpace();
    return this.text[this.pos] ?? '';
  }

  /** An identifier-like word at the cursor (not consumed), lower-cased, or ''. */
  peekWord(): string {
    this.skipSpace();
    const m = /^[A-Za-z_][\w]*/.exec(this.text.slice(this.pos));
    return m ? m[0].toLowerCase() : '';
  }

  acceptWord(word: string): boolean {
    if (this.peekWord() !== word) return false;
    this.pos += word.length;
    return true;
  }

  expectWord(word: string): void {
    if (!this.acceptWord(word)) this.unexpected();
  }

  acceptOp(op: string): boolean {
    this.skipSpace();
    if (!this.text.startsWith(op, this.pos)) return false;
    this.pos += op.length;
    return true;
  }

  expectOp(op: string): void {
    if (!this.acceptOp(op)) this.unexpected();
  }

  unexpected(): never {
    this.skipSpace();
    if (this.pos >= this.text.length) this.fail('unexpected end of query', this.text.length, this.text.length);
    const m = /^(\w+|\S)/.exec(this.text.slice(this.pos));
    this.fail(`unexpected symbol found ${m![0]}`, this.pos, this.pos + m![0].length);
  }

  parseQuery(): ParsedQuery {
    const commands: Command[] = [];
    if (this.atEnd()) this.fail('the query is empty', 0, 0);
    do {
      commands.push(this.parseCommand());
    } while (this.acceptOp('|'));
    if (!this.atEnd()) this.unexpected();
    return { text: this.text, commands };
  }

  parseCommand(): Command {
    const start = (this.skipSpace(), this.pos);
    const word = this.peekWord();
    if (!COMMANDS.has(word)) {
      if (word) this.fail(`unknown command ${this.text.slice(start, start + word.length)}`, start, start + word.length);
      this.unexpected();
    }
    this.pos += word.length;
    switch (word) {
      case 'fields':
      case 'display':
        return { kind: word, items: this.parseProjections() };
      case 'filter':
        return { kind: 'filter', expr: this.parseOr() };
      case 'sort': {
        const keys: Array<{ expr: Expr; desc: boolean }> = [];
        do {
          const expr = this.parseAdditive();
          let desc = false;
          if (this.acceptWord('desc')) desc = true;
          else this.acceptWord('asc');
          keys.push({ expr, desc });
        } while (this.acceptOp(','));
        return { kind: 'sort', keys };
      }
      case 'limit': {
        this.skipSpace();
        const m = /^\d+/.exec(this.text.slice(this.pos));
        if (!m) this.unexpected();
        const n = Number(m[0]);
        if (n < 1 || n > 10000) this.fail('limit must be between 1 and 10000', this.pos, this.pos + m[0].length);
        this.pos += m[0].length;
        return { kind: 'limit', n };
      }
      case 'parse':
        return this.parseParse();
      case 'stats':
        return this.parseStats();
      default: {
        const fields: Expr[] = [];
        do fields.push(this.parseFieldRef());
        while (this.acceptOp(','));
        return { kind: 'dedup', fields };
      }
    }
  }

  parseProjections(): Projection[] {
    const items: Projection[] = [];
    do items.push(this.parseProjection());
    while (this.acceptOp(','));
    return items;
  }

  parseProjection(): Projection {
    this.skipSpace();
    const start = this.pos;
    const expr = this.parseAdditive();
    const source = this.text.slice(start, this.pos).trim();
    if (this.acceptWord('as')) return { expr, name: this.parseName() };
    return { expr, name: expr.kind === 'field' ? expr.name : source };
  }

  parseName(): string {
    const f = this.parseFieldRef();
    return f.kind === 'field' ? f.name : this.unexpected();
  }

  parseFieldRef(): Expr {
    this.skipSpace();
    if (this.text[this.pos] === '`') {
      const close = this.text.indexOf('`', this.pos + 1);
      if (close < 0) this.fail('unterminated field name', this.pos);
      const name = this.text.slice(this.pos + 1, close);
      this.pos = close + 1;
      return { kind: 'field', name };
    }
    const m = /^@?[A-Za-z_][\w.@]*/.exec(this.text.slice(this.pos));
    if (!m) this.unexpected();
    const name = m[0];
    if (!name.startsWith('@') && KEYWORDS.has(name.toLowerCase())) this.unexpected();
    this.pos += name.length;
    return { kind: 'field', name };
  }

  parseParse(): Command {
    const field = this.parseFieldRef();
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '/') {
      const { re } = this.parseRegex();
      const names = [...re.source.matchAll(/\(\?<([A-Za-z_]\w*)>/g)].map((m) => m[1]);
      if (names.length === 0) this.fail('a parse regular expression needs named groups (?<name>...)', this.pos - 1);
      return { kind: 'parse', field, re, names };
    }
    if (c !== '"' && c !== "'") this.unexpected();
    const globStart = this.pos;
    const glob = this.parseString();
    const stars = glob.split('*').length - 1;
    if (stars === 0) this.fail('a parse pattern needs at least one *', globStart, this.pos);
    this.expectWord('as');
    const names: string[] = [];
    do names.push(this.parseName());
    while (this.acceptOp(','));
    if (names.length !== stars) this.fail(`the pattern has ${stars} * but ${names.length} names follow as`, globStart, this.pos);
    const parts = glob.split('*').map(escapeRegex);
    const source = parts.reduce((acc, part, i) => (i === 0 ? part : `${acc}(${i === parts.length - 1 && part === '' ? '.*' : '.*?'})${part}`), '');
    return { kind: 'parse', field, re: new RegExp(source, 's'), names };
  }

  parseStats(): Command {
    const aggs: Projection[] = [];
    do {
      this.skipSpace();
      const start = this.pos;
      const expr = this.parseAdditive();
      if (expr.kind !== 'call' || !AGGREGATES.has(expr.name)) this.fail('stats expects an aggregate function such as count(*)', start, this.pos);
      const name = this.acceptWord('as') ? this.parseName() : this.text.slice(start, this.pos).trim();
      aggs.push({ expr, name });
    } while (this.acceptOp(','));
    const by = this.acceptWord('by') ? this.parseProjections() : [];
    return { kind: 'stats', aggs, by };
  }

  parseOr(): Expr {
    let left = this.parseAnd();
    while (this.acceptWord('or')) left = { kind: 'binary', op: 'or', left, right: this.parseAnd() };
    return left;
  }

  parseAnd(): Expr {
    let left = this.parseNot();
    while (this.acceptWord('and')) left = { kind: 'binary', op: 'and', left, right: this.parseNot() };
    return left;
  }

  parseNot(): Expr {
    if (this.acceptWord('not')) {
      if (++this.depth > 64) this.fail('the query is nested too deeply');
      const arg = this.parseNot();
      this.depth--;
      return { kind: 'unary', op: 'not', arg };
    }
    return this.parseComparison();
  }

  parseComparison(): Expr {
    const left = this.parseAdditive();
    const save = this.pos;
    const negated = this.acceptWord('not');
    if (this.acceptWord('like')) return { kind: 'binary', op: negated ? 'not like' : 'like', left, right: this.parseLikeOperand() };
    if (this.acceptWord('in')) {
      this.expectOp('[');
      const values: Expr[] = [];
      if (!this.acceptOp(']')) {
        do values.push(this.parsePrimary());
        while (this.acceptOp(','));
        this.expectOp(']');
      }
      return { kind: 'in', negated, left, values };
    }
    if (negated) {
      this.pos = save;
      this.unexpected();
    }
    if (this.acceptOp('=~')) {
      this.skipSpace();
      if (this.text[this.pos] !== '/') this.unexpected();
      return { kind: 'binary', op: 'like', left, right: this.parseRegex() };
    }
    for (const op of ['!=', '<=', '>=', '==', '=', '<', '>']) {
      if (this.acceptOp(op)) return { kind: 'binary', op: op === '==' ? '=' : op, left, right: this.parseAdditive() };
    }
    return left;
  }

  parseLikeOperand(): Expr {
    this.skipSpace();
    const c = this.text[this.pos];
    if (c === '/') return this.parseRegex();
    if (c === '"' || c === "'") return { kind: 'literal', value: this.parseString() };
    this.unexpected();
  }

  parseAdditive(): Expr {
    let left = this.parseMultiplicative();
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if ((c === '+' || c === '-') && !this.text.startsWith('->', this.pos)) {
        this.pos++;
        left = { kind: 'binary', op: c, left, right: this.parseMultiplicative() };
      } else return left;
    }
  }

  parseMultiplicative(): Expr {
    let left = this.parseUnary();
    for (;;) {
      this.skipSpace();
      const c = this.text[this.pos];
      if (c === '*' || c === '/' || c === '%') {
        this.pos++;
        left = { kind: 'binary', op: c, left, right: this.parseUnary() };
      } else return left;
    }
  }

  parseUnary(): Expr {
    if (this.acceptOp('-')) {
      if (++this.depth > 64) this.fail('the query is nested too deeply');
      const arg = this.parseUnary();
      this.depth--;
      return { kind: 'unary', op: '-', arg };
    }
    return this.parsePrimary();
  }

  parsePrimary(): Expr {
    this.skipSpace();
    const rest = this.text.slice(this.pos);
    const c = rest[0];
    if (c === undefined) this.unexpected();
    if (c === '(') {
      if (++this.depth > 64) this.fail('the query is nested too deeply');
      this.pos++;
      const e = this.parseOr();
      this.expectOp(')');
      this.depth--;
      return e;
    }
    if (c === '"' || c === "'") return { kind: 'literal', value: this.parseString() };
    if (c === '/') return this.parseRegex();
    const num = /^\d+(\.\d+)?/.exec(rest);
    if (num) {
      this.pos += num[0].length;
      return { kind: 'literal', value: Number(num[0]) };
    }
    const call = /^([A-Za-z_]\w*)\s*\(/.exec(rest);
    if (call && !KEYWORDS.has(call[1].toLowerCase())) {
      const name = call[1].toLowerCase();
      if (!FUNCTIONS.has(name) && !AGGREGATES.has(name)) this.fail(`unknown function ${call[1]}`, this.pos, this.pos + call[1].length);
      this.pos += call[0].length;
      if (this.acceptOp('*')) {
        this.expectOp(')');
        return { kind: 'call', name, args: [], star: true };
      }
      if (name === 'bin') return this.parseBin();
      if (++this.depth > 64) this.fail('the query is nested too deeply');
      const args: Expr[] = [];
      if (!this.acceptOp(')')) {
        do args.push(this.parseOr());
        while (this.acceptOp(','));
        this.expectOp(')');
      }
      this.depth--;
      return { kind: 'call', name, args };
    }
    return this.parseFieldRef();
  }

  /** bin(5m): the period is a literal duration, turned into milliseconds. */
  parseBin(): Expr {
    this.skipSpace();
    const m = /^(\d+)\s*(ms|s|m|h|d|w)?/.exec(this.text.slice(this.pos));
    if (!m) this.unexpected();
    const unit = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 }[(m[2] ?? 's') as 'ms'];
    this.pos += m[0].length;
    this.expectOp(')');
    return { kind: 'call', name: 'bin', args: [{ kind: 'literal', value: Number(m[1]) * unit }] };
  }

  parseString(): string {
    this.skipSpace();
    const quote = this.text[this.pos];
    const start = this.pos;
    let out = '';
    this.pos++;
    while (this.pos < this.text.length) {
      const ch = this.text[this.pos];
      if (ch === '\\' && this.pos + 1 < this.text.length) {
        const next = this.text[this.pos + 1];
        out += next === 'n' ? '\n' : next === 't' ? '\t' : next;
        this.pos += 2;
        continue;
      }
      if (ch === quote) {
        this.pos++;
        return out;
      }
      out += ch;
      this.pos++;
    }
    this.fail('unterminated string', start, this.text.length);
  }

  /** /pattern/flags; a leading (?i) means case-insensitive, as Insights writes it. */
  parseRegex(): Expr & { kind: 'regex'; re: RegExp } {
    this.skipSpace();
    const start = this.pos;
    let i = this.pos + 1;
    let body = '';
    let inClass = false;
    for (; i < this.text.length; i++) {
      const ch = this.text[i];
      if (ch === '\\' && i + 1 < this.text.length) {
        body += ch + this.text[i + 1];
        i++;
        continue;
      }
      if (ch === '[') inClass = true;
      else if (ch === ']') inClass = false;
      else if (ch === '/' && !inClass) break;
      body += ch;
    }
    if (i >= this.text.length) this.fail('unterminated regular expression', start, this.text.length);
    this.pos = i + 1;
    const flagsMatch = /^[a-z]*/.exec(this.text.slice(this.pos))!;
    let flags = flagsMatch[0];
    this.pos += flags.length;
    if (/[^imsu]/.test(flags.replace(/g/g, ''))) this.fail(`invalid regular expression flags ${flags}`, start, this.pos);
    flags = flags.replace(/g/g, '');
    if (body.startsWith('(?i)')) {
      body = body.slice(4);
      if (!flags.includes('i')) flags += 'i';
    }
    try {
      return { kind: 'regex', re: new RegExp(body, flags), source: body };
    } catch {
      this.fail('invalid regular expression', start, this.pos);
    }
  }
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function parseQuery(text: string): ParsedQuery {
  return new Parser(text).parseQuery();
}

// ---- evaluation ----

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
