import { ModelSpecInput } from '../spec/model-spec';

/** One sub-command of an app (`mimo <app> <command> [flags]`). */
export interface AppCommand {
  summary: string;
  /** Runs with the flags after the command name; resolves to the process exit code. */
  run(args: string[]): Promise<number>;
}

/** The contract every case-study app implements, so the CLI and the benchmarks treat them alike. */
export interface AppDefinition {
  name: string;
  summary: string;
  /** The app's reference model spec (inputs → heads). */
  spec: ModelSpecInput;
  commands: Record<string, AppCommand>;
}
