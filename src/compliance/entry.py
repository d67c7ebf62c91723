"""The installed `compliance` command. Ctrl-C ends any command with exit 130 and one line: never a traceback (while
the modules load) nor click's "Aborted!" with exit 1, which says non-compliant. A batch installs its own stop, which
keeps what was written, and a batch whose results are whole in --out ends the process at once, a signal then only
noted (`batch.stopping`)."""

from __future__ import annotations

import os
import sys
from typing import NoReturn


def _stopped() -> NoReturn:
    sys.stderr.write("\n已中断 / interrupted\n")
    raise SystemExit(130)


def main() -> None:
    try:
        import click

        from compliance.batch.stopping import end_process, note_until_exit
        from compliance.cli import main as command
    except KeyboardInterrupt:
        _stopped()
    note_until_exit()  # this process ends with the command: a batch's results whole, a signal is only noted
    try:
        code = command.main(standalone_mode=False)  # click's own handling would turn Ctrl-C into exit 1
    except (KeyboardInterrupt, click.exceptions.Abort):
        _stopped()
    except click.ClickException as error:  # a usage error: said as click says it
        error.show()
        raise SystemExit(error.exit_code) from None
    except BrokenPipeError:  # `compliance rules list | head`: the reader has gone
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise SystemExit(1) from None
    code = code if isinstance(code, int) else 0
    end_process(code)  # a batch whose results are whole ends here, saying a signal that came meanwhile
    raise SystemExit(code)
