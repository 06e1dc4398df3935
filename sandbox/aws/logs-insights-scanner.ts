// CloudWatch Logs Insights: reading the query text character by character — words, operators, quoted
// strings and /regular expressions/. Errors carry a character range, as MalformedQueryException does.
import { QuerySyntaxError, type Expr } from './logs-insights-syntax.js';

export class QueryScanner {
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
