// `tsecret completion bash|zsh|fish`: docker 28's completion command (cobra's default one, with
// its help texts and --no-descriptions), printing tsecret's scripts (scripts.ts). Hidden from the
// root help, as in docker.
import { type CommandSpec, defineCommand, defineFlags, noArgs } from '../command.js';
import { bashScript, fishScript, zshScript } from './scripts.js';

const NAME = 'tsecret';

const noDescriptions = defineFlags([{ name: 'no-descriptions', varname: '', usage: 'disable completion descriptions', kind: 'bool' }]);

function shellCommand(shell: string, use: string, long: string, script: (name: string, descriptions: boolean) => string): CommandSpec {
  return defineCommand({
    use,
    short: `Generate the autocompletion script for ${shell}`,
    long,
    args: noArgs,
    flags: noDescriptions,
    run: async ({ io, flags }) => {
      io.stdout.write(script(NAME, !flags['no-descriptions']));
    },
  });
}

const bash = shellCommand(
  'bash',
  'bash',
  `Generate the autocompletion script for the bash shell.

To load completions in your current shell session:

\tsource <(${NAME} completion bash)

To load completions for every new session, execute once:

#### Linux:

\t${NAME} completion bash > /etc/bash_completion.d/${NAME}

#### macOS:

\t${NAME} completion bash > $(brew --prefix)/etc/bash_completion.d/${NAME}

You will need to start a new shell for this setup to take effect.`,
  bashScript,
);

const zsh = shellCommand(
  'zsh',
  'zsh [flags]',
  `Generate the autocompletion script for the zsh shell.

If shell completion is not already enabled in your environment you will need
to enable it.  You can execute the following once:

\techo "autoload -U compinit; compinit" >> ~/.zshrc

To load completions in your current shell session:

\tsource <(${NAME} completion zsh)

To load completions for every new session, execute once:

#### Linux:

\t${NAME} completion zsh > "\${fpath[1]}/_${NAME}"

#### macOS:

\t${NAME} completion zsh > $(brew --prefix)/share/zsh/site-functions/_${NAME}

You will need to start a new shell for this setup to take effect.`,
  zshScript,
);

const fish = shellCommand(
  'fish',
  'fish [flags]',
  `Generate the autocompletion script for the fish shell.

To load completions in your current shell session:

\t${NAME} completion fish | source

To load completions for every new session, execute once:

\t${NAME} completion fish > ~/.config/fish/completions/${NAME}.fish

You will need to start a new shell for this setup to take effect.`,
  fishScript,
);

export const completionCommand: CommandSpec = {
  use: 'completion',
  short: 'Generate the autocompletion script for the specified shell',
  long: `Generate the autocompletion script for ${NAME} for the specified shell.
See each sub-command's help for details on how to use the generated script.`,
  hidden: true,
  args: noArgs,
  subcommands: [bash, fish, zsh],
};
