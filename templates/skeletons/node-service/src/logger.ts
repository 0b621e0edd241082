/** Structured logs: one JSON object per line on stdout, ready for the log pipeline. */
export type Level = 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  log(level: Level, msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

export function createLogger(
  service: string,
  write: (line: string) => void = line => process.stdout.write(line),
): Logger {
  const log = (
    level: Level,
    msg: string,
    fields: Record<string, unknown> = {},
  ) =>
    write(
      `${JSON.stringify({
        time: new Date().toISOString(),
        level,
        service,
        msg,
        ...fields,
      })}\n`,
    );
  return {
    log,
    info: (msg, fields) => log('info', msg, fields),
    error: (msg, fields) => log('error', msg, fields),
  };
}
