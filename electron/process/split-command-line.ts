// A command line from a config file (credential_process) split into an argument array the way the aws CLI splits
// it (botocore compat_shell_split): POSIX shell-word rules (Python's shlex.split) on macOS and Linux, the C
// runtime's rules on Windows. No shell ever sees the line, so `;`, `|`, `$(…)` and `>` are plain characters.

export class CommandLineError extends Error {}

export function splitCommandLine(line: string, platform: NodeJS.Platform = process.platform): string[] {
  return platform === 'win32' ? splitWindows(line) : splitPosix(line);
}

/** shlex.split(s) with posix=True, comments=False. */
export function splitPosix(line: string): string[] {
  const words: string[] = [];
  let word = '';
  let inWord = false;
  let quote: '"' | "'" | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quote === "'") {
      if (c === "'") quote = undefined;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = undefined;
      else if (c === '\\' && i + 1 < line.length && (line[i + 1] === '\\' || line[i + 1] === '"')) word += line[++i];
      else if (c === '\\' && i + 1 >= line.length) throw new CommandLineError('No escaped character');
      else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= line.length) throw new CommandLineError('No escaped character');
      word += line[++i];
      inWord = true;
    } else if (c === ' ' || c === '\t' || c === '\r' || c === '\n') {
      if (inWord) words.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) throw new CommandLineError('No closing quotation');
  if (inWord) words.push(word);
  return words;
}

/** The Microsoft C runtime's argument rules, as botocore's _windows_shell_split applies them. */
export function splitWindows(line: string): string[] {
  const words: string[] = [];
  let buf: string[] = [];
  let quoted = false;
  let backslashes = 0;
  const flushBackslashes = () => {
    if (backslashes) buf.push('\\'.repeat(backslashes));
    backslashes = 0;
  };
  for (const c of line) {
    if (c === '\\') {
      backslashes++;
    } else if (c === '"') {
      if (backslashes) {
        buf.push('\\'.repeat(Math.floor(backslashes / 2)));
        const escaped = backslashes % 2 === 1;
        backslashes = 0;
        if (escaped) {
          buf.push('"');
          continue;
        }
      }
      quoted = !quoted;
      // An empty pair of quotes is still an argument.
      buf.push('');
    } else if ((c === ' ' || c === '\t') && !quoted) {
      flushBackslashes();
      if (buf.length) words.push(buf.join(''));
      buf = [];
    } else {
      flushBackslashes();
      buf.push(c);
    }
  }
  if (quoted) throw new CommandLineError('No closing quotation');
  flushBackslashes();
  if (buf.length) words.push(buf.join(''));
  return words;
}
