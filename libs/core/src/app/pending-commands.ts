import { AppCommand } from './app-definition';

/** The commands every app offers (see docs/architecture.md, "Apps"). */
export const APP_COMMANDS = ['train', 'evaluate', 'predict', 'serve', 'report'] as const;

/**
 * Commands an app does not have yet: each says so, names the issue that builds it, and exits with 2,
 * so that scripts never mistake a missing command for a successful run.
 */
export function pendingCommands(app: string, plannedIn: string): Record<string, AppCommand> {
  return Object.fromEntries(
    APP_COMMANDS.map((command) => [
      command,
      {
        summary: `(not built yet: ${plannedIn})`,
        run: async () => {
          process.stderr.write(`mimo ${app} ${command}: not built yet; it is planned in "${plannedIn}". Try: mimo ${app} spec\n`);
          return 2;
        },
      },
    ]),
  );
}
