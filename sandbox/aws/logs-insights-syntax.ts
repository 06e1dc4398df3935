// CloudWatch Logs Insights: what a parsed query looks like, shared by the parser and the evaluator.
// The subset the EKS troubleshooting guide and everyday use need — fields/display, filter (like, not like,
// =~, in, comparisons, and/or/not), sort, limit, parse (glob or named-group regex), stats (count,
// count_distinct, min, max, sum, avg) by fields or bin(), dedup.

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

export type Expr =
  | { kind: 'field'; name: string }
  | { kind: 'literal'; value: Value }
  | { kind: 'regex'; re: RegExp; source: string }
  | { kind: 'call'; name: string; args: Expr[]; star?: boolean }
  | { kind: 'unary'; op: 'not' | '-'; arg: Expr }
  | { kind: 'binary'; op: string; left: Expr; right: Expr }
  | { kind: 'in'; negated: boolean; left: Expr; values: Expr[] };

export interface Projection {
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
