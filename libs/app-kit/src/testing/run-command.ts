import { AppCommand } from '@mimo/core';

export interface CommandOutput {
  code: number;
  out: string;
  err: string;
}

/** Runs an app command (`run(args)`) with stdout and stderr captured (for jest tests). */
export async function runCommand(command: AppCommand, args: string[]): Promise<CommandOutput> {
  let [out, err] = ['', ''];
  const stdout = jest.spyOn(process.stdout, 'write').mockImplementation((chunk) => ((out += String(chunk)), true));
  const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk) => ((err += String(chunk)), true));
  try {
    return { code: await command.run(args), out, err };
  } finally {
    stdout.mockRestore();
    stderr.mockRestore();
  }
}
