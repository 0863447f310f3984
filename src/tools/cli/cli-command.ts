import { Command as Commander, CommanderError } from 'commander';
import { CommandRunner } from 'nest-commander';

/** Exit codes: 0 done, 1 the command failed, 2 the command line was wrong. */
export const USAGE_ERROR = 2;

/** After commander printed help, or what was wrong with the command line. */
export function exitAfterCommandLine(error: CommanderError): never {
  const helped = error.code === 'commander.helpDisplayed' || error.code === 'commander.help';
  process.exit(helped ? 0 : USAGE_ERROR);
}

/** A command whose own command-line errors (a missing argument, say) exit with USAGE_ERROR too. */
export abstract class CliCommand extends CommandRunner {
  override setCommand(command: Commander): this {
    command.exitOverride(exitAfterCommandLine);
    return super.setCommand(command);
  }
}
