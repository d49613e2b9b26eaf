import { AppDefinition, buildModel, parseModelSpec } from '@mimo/core';
import { formatTable } from '../table';

function appUsage(app: AppDefinition): string {
  const spec = app.commands.spec ? `print the reference model spec and its parameter count; with --model DIR: ${app.commands.spec.summary}` : 'print the model spec (inputs → heads) and its parameter count';
  const rows = [['spec', spec], ...Object.entries(app.commands).filter(([name]) => name !== 'spec').map(([name, c]) => [name, c.summary])];
  return `mimo ${app.name} <command> [flags] — ${app.summary}\n\n${formatTable(['command', 'what it does'], rows)}`;
}

/** `mimo <app> <command> [flags]`. */
export async function appCommand(app: AppDefinition, args: string[], prepareTensors: () => Promise<void>): Promise<number> {
  const [command, ...rest] = args;
  if (!command || command === '--help' || command === 'help') {
    process.stdout.write(`${appUsage(app)}\n`);
    return command ? 0 : 2;
  }
  const handler = app.commands[command];
  if (command !== 'spec' && !handler) {
    const { didYouMean } = await import('@mimo/app-kit');
    process.stderr.write(`Unknown command '${command}' for ${app.name}.${didYouMean(command, ['spec', ...Object.keys(app.commands)])}\n\n${appUsage(app)}\n`);
    return 2;
  }
  // A command's --help needs no tensors.
  if (!rest.includes('--help') && !rest.includes('-h')) await prepareTensors();
  // Bare `spec` prints the reference spec; with flags (`--model DIR`) it is the app's own spec command.
  if (command === 'spec' && (!handler || rest.length === 0)) {
    const spec = parseModelSpec(app.spec);
    const model = buildModel(spec);
    process.stdout.write(`${JSON.stringify(spec, null, 2)}\n${spec.name}: ${model.countParams()} parameters\n`);
    model.dispose();
    return 0;
  }
  return handler.run(rest);
}
