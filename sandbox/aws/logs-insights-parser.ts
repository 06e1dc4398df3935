// CloudWatch Logs Insights: the query grammar — commands separated by |, and the expressions inside them.
import { QueryScanner } from './logs-insights-scanner.js';
import type { Command, Expr, ParsedQuery, Projection } from './logs-insights-syntax.js';

const AGGREGATES = new Set(['count', 'count_distinct', 'min', 'max', 'sum', 'avg', 'earliest', 'latest']);
const KEYWORDS = new Set(['and', 'or', 'not', 'like', 'in', 'as', 'by', 'asc', 'desc']);
const FUNCTIONS = new Set(['ispresent', 'isempty', 'isblank', 'tolower', 'toupper', 'trim', 'strlen', 'concat', 'strcontains', 'substr', 'replace', 'bin']);
const COMMANDS = new Set(['fields', 'display', 'filter', 'sort', 'limit', 'parse', 'stats', 'dedup']);

class Parser extends QueryScanner {
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
}

function escapeRegex(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
}

export function parseQuery(text: string): ParsedQuery {
  return new Parser(text).parseQuery();
}
