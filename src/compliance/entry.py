"""The installed `compliance` command. Ctrl-C ends any command with exit 130 and one line: never a traceback (while
the modules load) nor click's "Aborted!" with exit 1, which says non-compliant. A batch installs its own stop, which
keeps what was written (`batch.stopping`)."""

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

        from compliance.cli import main as command
    except KeyboardInterrupt:
        _stopped()
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
    raise SystemExit(code if isinstance(code, int) else 0)
