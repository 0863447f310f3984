import { isatty } from 'node:tty';
import pino, { DestinationStream } from 'pino';
import pretty from 'pino-pretty';

export const LOG_FORMATS = ['json', 'pretty'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * LOG_FORMAT when set; else readable lines for a person at a terminal outside production, and JSON,
 * one object a line, for collectors everywhere else. Reads the raw environment, so that even a
 * configuration that failed validation is reported in the format its collector expects.
 */
export function logFormatOf(env: NodeJS.ProcessEnv, fd = 1): LogFormat {
  const chosen = env.LOG_FORMAT;
  if (chosen === 'json' || chosen === 'pretty') return chosen;
  return env.NODE_ENV !== 'production' && isatty(fd) ? 'pretty' : 'json';
}

/**
 * Where a logger of that format writes: standard output (1) or standard error (2). JSON is written
 * asynchronously: a line waits only while the previous write is in flight, and under load the
 * lines of many requests go out in one write instead of one each. What is pending is written
 * out when the process exits (pino does so on exit); only a `kill -9` can lose it.
 */
export function logStream(format: LogFormat, fd = 1): DestinationStream {
  if (format === 'json') return pino.destination({ dest: fd, sync: false });
  return pretty({
    destination: fd,
    sync: true,
    colorize: isatty(fd),
    ignore: 'pid,hostname',
    translateTime: 'SYS:HH:MM:ss.l',
  });
}
